// The delivery queue in memory, for running without Redis: the same leases and dead letters, lost with the process.
import { randomBytes } from 'node:crypto'
import { deadLetterOf } from '../dead-letter.js'
import type { DeadLetter, DeliveryJob, DeliveryQueue } from '../types.js'
import type { Keyspace } from './expiring-map.js'

interface Queued {
  job: DeliveryJob
  attempts: number
  enqueuedAt: number
  /** When the job is next due, or when its lease ends (ms since the epoch). */
  dueAt: number
  lease?: string
  lastError?: string
}

/** The one key of the dead letters' map: like Redis, all of them in one list that expires as a whole. */
const LETTERS = 'letters'

export function memoryDeliveryQueue (space: Keyspace): DeliveryQueue {
  const jobs = space.map<Queued>()
  const dead = space.map<DeadLetter[]>()
  /** The job under `lease`, or undefined once the lease has passed to another worker or the job is gone. */
  const leased = (id: string, lease: string) => {
    const queued = jobs.get(id)
    return queued?.lease === lease ? queued : undefined
  }

  return {
    async enqueue (job, ttlSeconds) {
      if (jobs.has(job.id)) return false
      const now = Date.now()
      jobs.set(job.id, { job: { ...job }, attempts: 0, enqueuedAt: now, dueAt: now }, ttlSeconds)
      return true
    },

    async claim (max, leaseMs) {
      const now = Date.now()
      // A scan of every job per claim: fine for a single process in development, which is all this store is for.
      const due = [...jobs.entries()].map(([, queued]) => queued).filter((queued) => queued.dueAt <= now)
        .sort((a, b) => a.dueAt - b.dueAt).slice(0, max)
      const leasePrefix = `${randomBytes(12).toString('base64url')}.`
      return due.map((queued, i) => {
        queued.lease = `${leasePrefix}${i + 1}`
        queued.dueAt = now + leaseMs
        return { ...queued.job, attempts: queued.attempts, enqueuedAt: queued.enqueuedAt, lease: queued.lease }
      })
    },

    async succeed ({ id, lease }) {
      return leased(id, lease) !== undefined && jobs.delete(id)
    },

    async retry ({ id, lease }, dueAt, lastError, ttlSeconds) {
      const queued = leased(id, lease)
      if (!queued) return false
      jobs.set(id, { job: queued.job, attempts: queued.attempts + 1, enqueuedAt: queued.enqueuedAt, dueAt, lastError }, ttlSeconds)
      return true
    },

    async deadLetter (claimed, lastError, keep) {
      if (!leased(claimed.id, claimed.lease)) return false
      jobs.delete(claimed.id)
      const letters = [deadLetterOf(claimed, lastError, Date.now()), ...dead.get(LETTERS) ?? []].slice(0, keep.max)
      dead.set(LETTERS, letters, keep.ttlSeconds)
      return true
    },

    async deadLetters (limit) {
      return limit < 1 ? [] : (dead.get(LETTERS) ?? []).slice(0, limit)
    }
  }
}
