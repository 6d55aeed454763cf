// Client assertions already used, in memory, by client and jti until each expires.
import type { UsedAssertionStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryUsedAssertionStore (space: Keyspace): UsedAssertionStore {
  const used = space.map<true>()
  // Client ids hold no space, so the key is unambiguous.
  const key = (clientId: string, jtiHash: string) => `${clientId} ${jtiHash}`
  return {
    async use (clientId, jtiHash, ttlSeconds) {
      // Checked and set in one turn of the event loop: no other call can come between.
      if (used.has(key(clientId, jtiHash))) return false
      used.set(key(clientId, jtiHash), true, ttlSeconds)
      return true
    }
  }
}
