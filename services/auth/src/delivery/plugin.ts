// Outbound deliveries as the app offers them: app.deliveries.enqueue(job) queues a job and returns, and a worker
// started with the app delivers it in the background, until the app closes.
import { randomUUID } from 'node:crypto'
import fp from 'fastify-plugin'
import type { AuthConfig } from '../config.js'
import { outboundPoster } from './outbound.js'
import { jobTtlSeconds, parseDelays, type DeliverySchedule } from './schedule.js'
import { isLoopbackHttpIssuer } from './target.js'
import { startDeliveryWorker, type DeliveryWorker } from './worker.js'

/** A request to POST `body` to `url` once, in the background. */
export interface NewDelivery {
  /** What it is for (`backchannel-logout`, `webhook` …), for logs. */
  kind: string
  /** A URL the client registered; one that no delivery may go to (not https, an internal address) ends as a dead letter. */
  url: string
  contentType: string
  /** May hold tokens: never logged. */
  body: string
  /** Given, it makes enqueueing idempotent: a job of the same id is not queued twice. By default a random UUID. */
  id?: string
}

export interface Deliveries {
  /** Resolves with the job's id once the queue holds it; rejects when the queue cannot take it (Redis unreachable). */
  enqueue (job: NewDelivery): Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    deliveries: Deliveries
  }
}

export interface DeliveryPluginOptions {
  settings: AuthConfig['delivery']
  issuer: string
  shutdownGraceMs: number
}

const ID = /^[A-Za-z0-9._:-]{1,200}$/
/** Queued bodies live in Redis: a logout token is a few KiB, a webhook's event not much more. */
export const MAX_BODY_BYTES = 64 * 1024

export default fp(async (app, { settings, issuer, shutdownGraceMs }: DeliveryPluginOptions) => {
  const queue = app.stores.deliveryQueue
  const schedule: DeliverySchedule = { retryDelaysMs: parseDelays(settings.retryDelaysMs), leaseMs: settings.leaseMs }
  const ttlSeconds = jobTtlSeconds(schedule)
  let worker: DeliveryWorker | undefined

  app.decorate('deliveries', {
    async enqueue ({ id = randomUUID(), kind, url, contentType, body }: NewDelivery) {
      if (!ID.test(id)) throw new TypeError('a delivery id is 1 to 200 letters, digits and . _ : -')
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new RangeError(`a delivery body is at most ${MAX_BODY_BYTES} bytes`)
      await queue.enqueue({ id, kind, url, contentType, body }, ttlSeconds)
      worker?.wake()
      return id
    }
  } satisfies Deliveries)

  app.addHook('onReady', async () => {
    worker = startDeliveryWorker({
      queue,
      post: outboundPoster({ allowLoopback: isLoopbackHttpIssuer(issuer), timeoutMs: settings.timeoutMs }),
      log: app.log.child({ component: 'delivery' }),
      schedule,
      pollIntervalMs: settings.pollIntervalMs,
      concurrency: settings.concurrency,
      // Within the grace period, which the HTTP requests under way share; whatever is cut short keeps its lease.
      drainMs: Math.min(settings.timeoutMs, Math.floor(shutdownGraceMs / 2))
    })
  })
  app.addHook('onClose', async () => { await worker?.stop() })
}, { name: 'deliveries', dependencies: ['stores'] })
