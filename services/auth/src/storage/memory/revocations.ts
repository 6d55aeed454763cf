// In-process announcements of revoked access tokens and ended clients: what the Redis channel carries, for services
// that share one process and no Redis (the one-command development setup), and for this service's revocation streams.
import type { RevocationNotices } from '../types.js'

export interface RevocationChannel {
  /** Tells every listener a revocation notice (see @keyhold/contracts' revocation feed). */
  announce (notice: string): void
  /** Calls `listener` with each announced notice until the returned function is called. */
  subscribe (listener: (notice: string) => void): () => void
}

export function revocationChannel (): RevocationChannel {
  const listeners = new Set<(notice: string) => void>()
  return {
    announce (notice) {
      for (const listener of listeners) listener(notice)
    },
    subscribe (listener) {
      // A wrapper per subscription, so that subscribing one function twice needs two unsubscriptions.
      const entry = (notice: string) => { listener(notice) }
      listeners.add(entry)
      return () => { listeners.delete(entry) }
    }
  }
}

/** The notices announced on `channel`, which cannot drop any: always live. */
export function inProcessNotices (channel: Pick<RevocationChannel, 'subscribe'>): RevocationNotices {
  return {
    live: true,
    subscribe: (listener) => channel.subscribe((notice) => listener.onNotice(notice))
  }
}
