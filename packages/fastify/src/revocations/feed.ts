// How revocations reach the cache: a feed calls `onNotice` with each notice the identity service announces, and
// `onGap` when it is back after a time in which notices may have been missed. While a feed is not live, cached
// answers are not used.
import type { FastifyBaseLogger } from 'fastify'

export interface RevocationFeed {
  /** True while no announcement can have been missed since the last `onGap`. */
  readonly live: boolean
  close (): Promise<void>
}

export interface FeedListener {
  log: FastifyBaseLogger
  onNotice (notice: string): void
  /** Called when the feed is back after a gap in which notices may have been missed, before it counts as live. */
  onGap (): void
}

/** Announcements made within this process: the identity service's in-memory token store, when it runs beside us. */
export interface RevocationSource {
  subscribe (listener: (notice: string) => void): () => void
}

/** Hears `source`, which cannot drop announcements. */
export function listenInProcess (source: RevocationSource, onNotice: (notice: string) => void): RevocationFeed {
  const unsubscribe = source.subscribe(onNotice)
  return {
    live: true,
    async close () { unsubscribe() }
  }
}

/** No feed: cached answers are used for their short lifetime all the same, and a revocation may go unseen that long. */
export const noFeed: RevocationFeed = { live: true, async close () {} }
