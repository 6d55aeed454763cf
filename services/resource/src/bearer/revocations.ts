// Hears the identity service announce revoked access tokens and deleted clients (notices on a Redis channel, or
// within this process when both run in one without Redis) and reports whether it is hearing them: while the
// subscription is down, announcements may be missed.
import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'

export interface RevocationFeed {
  /** True while subscribed: no announcement can have been missed since the last `onGap`. */
  readonly live: boolean
  close (): Promise<void>
}

export interface RevocationFeedOptions {
  redisUrl: string
  channel: string
  log: FastifyBaseLogger
  onRevoked (notice: string): void
  /** Called when the feed is back after a gap in which announcements may have been missed, before it counts as live. */
  onGap (): void
}

/** Announcements made within this process: the identity service's in-memory token store, when it runs beside us. */
export interface RevocationSource {
  subscribe (listener: (notice: string) => void): () => void
}

/** Hears `source`, which cannot drop announcements; with no source nothing is heard, so the feed is never live. */
export function listenInProcess (source: RevocationSource | undefined, onRevoked: (notice: string) => void): RevocationFeed {
  const unsubscribe = source?.subscribe(onRevoked)
  return {
    live: unsubscribe !== undefined,
    async close () { unsubscribe?.() }
  }
}

export async function subscribeToRevocations (opts: RevocationFeedOptions): Promise<RevocationFeed> {
  const subscriber = new Redis(opts.redisUrl, {
    lazyConnect: true,
    connectionName: `resource-revocations:${opts.channel}`,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000)
  })
  let live = false
  let closing = false
  subscriber.on('message', (channel: string, notice: string) => {
    if (channel === opts.channel) opts.onRevoked(notice)
  })
  subscriber.on('error', (error) => opts.log.warn({ err: error }, 'revocation feed error'))
  subscriber.on('close', () => {
    if (live && !closing) opts.log.warn('revocation feed lost; cached token answers are not used until it is back')
    live = false
  })

  try {
    await subscriber.connect()
    await subscriber.subscribe(opts.channel)
  } catch (error) {
    subscriber.disconnect()
    throw error
  }
  live = true
  // ioredis subscribes again by itself on reconnection, before it reports ready. Cached answers are not
  // used while the feed is down, so the one place they are dropped is here, as it comes back.
  subscriber.on('ready', () => {
    opts.onGap()
    live = true
    opts.log.info('revocation feed restored')
  })

  return {
    get live () { return live },
    async close () {
      closing = true
      await subscriber.quit().catch(() => subscriber.disconnect())
    }
  }
}
