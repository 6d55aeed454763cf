// In-process announcements of revoked access tokens: what the Redis channel carries, for services
// that share one process and no Redis (the one-command development setup).

export interface RevocationChannel {
  /** Tells every listener that the access token with this jti was revoked. */
  announce (jti: string): void
  /** Calls `listener` with each announced jti until the returned function is called. */
  subscribe (listener: (jti: string) => void): () => void
}

export function revocationChannel (): RevocationChannel {
  const listeners = new Set<(jti: string) => void>()
  return {
    announce (jti) {
      for (const listener of listeners) listener(jti)
    },
    subscribe (listener) {
      // A wrapper per subscription, so that subscribing one function twice needs two unsubscriptions.
      const entry = (jti: string) => { listener(jti) }
      listeners.add(entry)
      return () => { listeners.delete(entry) }
    }
  }
}
