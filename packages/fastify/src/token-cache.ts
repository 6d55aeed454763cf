// Active introspection results kept in memory for a few seconds: bounded (LRU), keyed by the
// token's hash, never outliving the token, and evictable by jti, or by client when its client is deleted.
import { hash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { AccessToken } from './access-token.js'

export interface TokenCache {
  get (key: string): AccessToken | undefined
  put (key: string, token: AccessToken): void
  /** Drops the entry of a revoked token, and refuses to store it for as long as an entry could live. */
  revoke (jti: string): void
  isRevoked (jti: string): boolean
  /** Drops every entry of a deleted client, and refuses to store one for as long as an entry could live. */
  endClient (clientId: string): void
  clear (): void
}

export interface TokenCacheOptions {
  /** Longest life of an entry, in seconds; 0 stores nothing. */
  maxAge: number
  size: number
  /** Milliseconds since the epoch; replaceable so expiry can be tested without waiting. */
  now?: () => number
}

// One-shot hashing: a third of the cost of createHash().update().digest() for a token's size.
export const cacheKey = (token: string): string => hash('sha256', token, 'base64url')

export function tokenCache ({ maxAge, size, now = Date.now }: TokenCacheOptions): TokenCache {
  const keyOfJti = new Map<string, string>()
  const perf = { now }
  const entries = new LRUCache<string, AccessToken>({
    max: size,
    perf,
    ttlResolution: 0,
    dispose: (token, key) => {
      if (keyOfJti.get(token.jti) === key) keyOfJti.delete(token.jti)
    }
  })
  // A revocation may overtake an introspection already under way; remembering the jti (or the ended client)
  // for as long as an entry may live keeps that late "active" answer out of the cache.
  const remembered = () => new LRUCache<string, true>({ max: size, perf, ttlResolution: 0, ttl: Math.max(maxAge, 1) * 1000 })
  const revoked = remembered()
  const endedClients = remembered()

  return {
    get: (key) => entries.get(key),

    put (key, token) {
      const ttl = Math.min(maxAge * 1000, token.exp * 1000 - now())
      if (ttl <= 0 || revoked.has(token.jti) || endedClients.has(token.clientId)) return
      entries.set(key, token, { ttl })
      keyOfJti.set(token.jti, key)
    },

    revoke (jti) {
      revoked.set(jti, true)
      const key = keyOfJti.get(jti)
      if (key !== undefined) entries.delete(key)
    },

    isRevoked: (jti) => revoked.has(jti),

    // A client is deleted rarely: a walk over the bounded cache is cheaper than an index kept on every put.
    endClient (clientId) {
      endedClients.set(clientId, true)
      for (const [key, token] of entries.entries()) if (token.clientId === clientId) entries.delete(key)
    },

    clear () {
      entries.clear()
      keyOfJti.clear()
    }
  }
}
