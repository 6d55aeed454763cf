// Hears revocations on the identity service's Redis channel (`<prefix>revocations`), for a resource server that
// may connect to that Redis. While the subscription is down, announcements may be missed.
import { Redis } from 'ioredis'
import type { FeedListener, RevocationFeed } from './feed.js'

export interface RedisFeedOptions {
  url: string
  /** The identity service's REDIS_PREFIX. */
  prefix?: string
}

export const revocationChannel = (prefix = 'keyhold:'): string => `${prefix}revocations`

export async function subscribeToRedis (opts: RedisFeedOptions, listener: FeedListener): Promise<RevocationFeed> {
  const channel = revocationChannel(opts.prefix)
  const subscriber = new Redis(opts.url, {
    lazyConnect: true,
    connectionName: `resource-revocations:${channel}`,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000)
  })
  let live = false
  let closing = false
  subscriber.on('message', (from: string, notice: string) => {
    if (from === channel) listener.onNotice(notice)
  })
  subscriber.on('error', (error) => listener.log.warn({ err: error }, 'revocation feed error'))
  subscriber.on('close', () => {
    if (live && !closing) listener.log.warn('revocation feed lost; cached token answers are not used until it is back')
    live = false
  })

  try {
    await subscriber.connect()
    await subscriber.subscribe(channel)
  } catch (error) {
    subscriber.disconnect()
    throw error
  }
  live = true
  // ioredis subscribes again by itself on reconnection, before it reports ready. Cached answers are not
  // used while the feed is down, so the one place they are dropped is here, as it comes back.
  subscriber.on('ready', () => {
    listener.onGap()
    live = true
    listener.log.info('revocation feed restored')
  })

  return {
    get live () { return live },
    async close () {
      closing = true
      await subscriber.quit().catch(() => subscriber.disconnect())
    }
  }
}
