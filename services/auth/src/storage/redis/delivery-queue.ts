// The delivery queue in Redis: a hash per job and one sorted set of ids by due time, changed only by Lua scripts.
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { deadLetterOf } from '../dead-letter.js'
import type { ClaimedDelivery, DeadLetter, DeliveryJob, DeliveryQueue } from '../types.js'
import type { RedisKeys } from './keys.js'
import { bindScript, CLAIM_DELIVERIES, DEAD_LETTER_DELIVERY, ENQUEUE_DELIVERY, RETRY_DELIVERY, SUCCEED_DELIVERY } from './scripts.js'

// Every write is acknowledged only once Redis has applied it (no offline queue, no fire and forget), so a job the
// caller was told is queued is in Redis; like the other stores, it is as durable as the server's persistence.
export function redisDeliveryQueue (redis: Redis, keys: RedisKeys): DeliveryQueue {
  const enqueue = bindScript(redis, ENQUEUE_DELIVERY)
  const claim = bindScript(redis, CLAIM_DELIVERIES)
  const succeed = bindScript(redis, SUCCEED_DELIVERY)
  const retry = bindScript(redis, RETRY_DELIVERY)
  const deadLetter = bindScript(redis, DEAD_LETTER_DELIVERY)
  const jobKeys = (id: string) => [keys.deliveryJob(id), keys.deliveriesDue]

  return {
    async enqueue (job, ttlSeconds) {
      const now = Date.now()
      return await enqueue(...jobKeys(job.id), JSON.stringify(job), job.id, now, now, ttlSeconds) === 1
    },

    async claim (max, leaseMs) {
      const now = Date.now()
      // Unique per claim, so a lease that ran out and was claimed again is told apart from the new one.
      const leasePrefix = `${randomBytes(12).toString('base64url')}.`
      const claimed = await claim(keys.deliveriesDue, now, now + leaseMs, max, keys.deliveryJob(''), leasePrefix) as string[][]
      return claimed.map(([job, attempts, enqueuedAt, lease]): ClaimedDelivery => ({
        ...JSON.parse(job!) as DeliveryJob,
        attempts: Number(attempts),
        enqueuedAt: Number(enqueuedAt),
        lease: lease!
      }))
    },

    async succeed ({ id, lease }) {
      return await succeed(...jobKeys(id), id, lease) === 1
    },

    async retry ({ id, lease }, dueAt, lastError, ttlSeconds) {
      return await retry(...jobKeys(id), id, lease, dueAt, lastError, ttlSeconds) === 1
    },

    async deadLetter (claimed, lastError, keep) {
      const letter = JSON.stringify(deadLetterOf(claimed, lastError, Date.now()))
      return await deadLetter(...jobKeys(claimed.id), keys.deadLetters, claimed.id, claimed.lease, letter, keep.ttlSeconds, keep.max) === 1
    },

    async deadLetters (limit) {
      if (limit < 1) return []
      const letters = await redis.lrange(keys.deadLetters, 0, limit - 1)
      return letters.map((letter) => JSON.parse(letter) as DeadLetter)
    }
  }
}
