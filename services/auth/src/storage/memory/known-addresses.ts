// The addresses each account signed in from, in memory.
import type { KnownAddressStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryKnownAddressStore (space: Keyspace): KnownAddressStore {
  const known = space.map<true>()
  // Usernames' enforced forms hold no space, so the key is unambiguous.
  const key = (usernameKey: string, address: string) => `${usernameKey} ${address}`
  return {
    async remember (usernameKey, address, ttlSeconds) {
      known.set(key(usernameKey, address), true, ttlSeconds)
    },

    async isKnown (usernameKey, address) {
      return known.has(key(usernameKey, address))
    }
  }
}
