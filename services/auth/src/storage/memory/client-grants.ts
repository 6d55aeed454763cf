// The grants of each client, in memory, with their expiry, plus a marker once the client is deleted.
import type { ClientGrantIndex } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryClientGrantIndex (space: Keyspace): ClientGrantIndex {
  /** Per client, each grant and when it expires (milliseconds since the epoch). */
  const holdings = space.map<Map<string, number>>()
  const closed = space.map<true>()

  const dropExpired = (grants: Map<string, number>, now: number) => {
    for (const [grant, expiresAt] of grants) if (expiresAt <= now) grants.delete(grant)
  }

  return {
    async add (clientId, grantId, ttlSeconds) {
      if (closed.has(clientId)) return false
      const now = Date.now()
      const grants = holdings.upsert(clientId, () => new Map(), ttlSeconds)
      // Sweeping whenever the count reaches a power of two keeps a busy client's map near what lives, at O(1) amortised.
      if ((grants.size & (grants.size - 1)) === 0) dropExpired(grants, now)
      grants.set(grantId, now + ttlSeconds * 1000)
      holdings.extend(clientId, ttlSeconds)
      return true
    },
    async close (clientId, ttlSeconds) {
      closed.set(clientId, true, ttlSeconds)
      const grants = holdings.take(clientId) ?? new Map<string, number>()
      dropExpired(grants, Date.now())
      return [...grants.keys()]
    }
  }
}
