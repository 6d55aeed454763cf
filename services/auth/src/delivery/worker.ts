// Delivers queued jobs in the background: claims the due ones under a lease, posts each, and acknowledges the outcome
// (delivered, tried again later, or given up as a dead letter). Never on a user's request path.
import type { FastifyBaseLogger } from 'fastify'
import type { ClaimedDelivery, DeliveryQueue } from '../storage/types.js'
import type { Poster } from './outbound.js'
import { DEAD_LETTERS, jobTtlSeconds, maxAttempts, retryDelay, type DeliverySchedule } from './schedule.js'

export interface WorkerOptions {
  queue: DeliveryQueue
  post: Poster
  log: FastifyBaseLogger
  schedule: DeliverySchedule
  pollIntervalMs: number
  /** Deliveries under way at once, at most. */
  concurrency: number
  /** How long stop() lets deliveries under way finish before abandoning them to their lease. */
  drainMs: number
  random?: () => number
}

export interface DeliveryWorker {
  /** Polls now rather than at the next interval: a job was just queued. */
  wake (): void
  /** Claims nothing more; deliveries under way finish within drainMs or are abandoned, to be claimed again later. */
  stop (): Promise<void>
}

export function startDeliveryWorker (opts: WorkerOptions): DeliveryWorker {
  const { queue, log, schedule } = opts
  const abandon = new AbortController()
  const ttlSeconds = jobTtlSeconds(schedule)
  let stopping = false
  let queueDown = false
  const underWay = new Set<Promise<void>>()
  let wakeUp = () => {}

  /** Resolves after the poll interval, or at once when woken. */
  const pause = () => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, opts.pollIntervalMs)
    timer.unref()
    wakeUp = () => {
      clearTimeout(timer)
      resolve()
    }
  })

  async function deliver (job: ClaimedDelivery): Promise<void> {
    const attempt = job.attempts + 1
    // The origin only: a path or query string may carry a secret of the receiver's.
    const context = { delivery: job.id, kind: job.kind, target: originOf(job.url), attempt }
    const result = await opts.post(job, abandon.signal)
    /** Whether the outcome was recorded: not when the lease ran out mid-delivery and another worker has the job. */
    const recorded = (kept: boolean) => {
      if (!kept) log.warn(context, 'delivery outlasted its lease: its outcome is not recorded, and it may be made again')
      return kept
    }
    if (result.outcome === 'delivered') {
      if (recorded(await queue.succeed(job))) log.info({ ...context, status: result.status }, 'delivered')
      return
    }
    // Abandoned mid-delivery: left to its lease, so another worker (or this service, restarted) tries again.
    if (abandon.signal.aborted) return
    const delay = result.outcome === 'failed' ? retryDelay(schedule, attempt, opts.random) : undefined
    if (delay === undefined) {
      if (!recorded(await queue.deadLetter(job, result.error, DEAD_LETTERS))) return
      log.error({ ...context, error: result.error }, result.outcome === 'refused' ? 'delivery refused: dead letter' : 'delivery failed for the last time: dead letter')
      return
    }
    if (!recorded(await queue.retry(job, Date.now() + delay, result.error, ttlSeconds))) return
    log.warn({ ...context, error: result.error, retryInMs: delay, attemptsLeft: maxAttempts(schedule) - attempt }, 'delivery failed, will retry')
  }

  /** Claims as many due jobs as there is room for and starts them; true when the room was filled, so more may be due. */
  async function round (): Promise<boolean> {
    const room = opts.concurrency - underWay.size
    if (room === 0) return false
    const claimed = await queue.claim(room, schedule.leaseMs)
    if (queueDown) log.info('delivery queue reachable again')
    queueDown = false
    for (const job of claimed) {
      const delivery = deliver(job)
        .catch((error: unknown) => {
          // An outcome not recorded (the queue went away): the lease runs out and the job is delivered again.
          log.warn({ err: error, delivery: job.id, kind: job.kind }, 'delivery outcome not recorded')
        })
        .finally(() => {
          underWay.delete(delivery)
          // Room again: claim at once rather than at the next poll.
          wakeUp()
        })
      underWay.add(delivery)
    }
    return claimed.length === room
  }

  // Deliveries run beside the polling, not in batches: a receiver that takes its time holds up only its own job.
  const polling = (async () => {
    while (!stopping) {
      let filled = false
      try {
        filled = await round()
      } catch (error) {
        // Once per outage, not once per poll.
        if (!queueDown) log.warn({ err: error }, 'delivery queue unreachable')
        queueDown = true
      }
      if (!filled && !stopping) await pause()
    }
  })()

  return {
    wake: () => { wakeUp() },
    async stop () {
      stopping = true
      wakeUp()
      await polling
      const timer = setTimeout(() => { abandon.abort() }, opts.drainMs)
      await Promise.all(underWay)
      clearTimeout(timer)
    }
  }
}

function originOf (url: string): string {
  try { return new URL(url).origin } catch { return 'not a URL' }
}
