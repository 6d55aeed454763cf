// What each client holds, in memory: members with their expiry, plus a marker once the client is deleted.
import { accessTokenMember, grantMember, toHoldings } from '../client-holdings.js'
import type { ClientTokenIndex } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryClientTokenIndex (space: Keyspace): ClientTokenIndex {
  /** Per client, each member and when it expires (milliseconds since the epoch). */
  const holdings = space.map<Map<string, number>>()
  const closed = space.map<true>()

  const dropExpired = (members: Map<string, number>, now: number) => {
    for (const [member, expiresAt] of members) if (expiresAt <= now) members.delete(member)
  }
  const add = async (clientId: string, member: string, ttlSeconds: number): Promise<boolean> => {
    if (closed.has(clientId)) return false
    const now = Date.now()
    const members = holdings.upsert(clientId, () => new Map(), ttlSeconds)
    // Sweeping whenever the count reaches a power of two keeps a busy client's map near what lives, at O(1) amortised.
    if ((members.size & (members.size - 1)) === 0) dropExpired(members, now)
    members.set(member, now + ttlSeconds * 1000)
    holdings.extend(clientId, ttlSeconds)
    return true
  }

  return {
    addGrant: (clientId, grantId, ttlSeconds) => add(clientId, grantMember(grantId), ttlSeconds),
    addAccessToken: (clientId, tokenHash, ttlSeconds) => add(clientId, accessTokenMember(tokenHash), ttlSeconds),
    async close (clientId, ttlSeconds) {
      closed.set(clientId, true, ttlSeconds)
      const members = holdings.take(clientId) ?? new Map<string, number>()
      dropExpired(members, Date.now())
      return toHoldings(members.keys())
    }
  }
}
