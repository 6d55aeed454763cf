// Single-use tokens mailed to account owners, in memory, by purpose and the hash of the token.
import type { AccountTokenRecord, AccountTokenStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryAccountTokenStore (space: Keyspace): AccountTokenStore {
  const tokens = space.map<AccountTokenRecord>()
  // Purposes hold no space, so the key is unambiguous.
  const key = (purpose: string, tokenHash: string) => `${purpose} ${tokenHash}`
  return {
    async save (purpose, tokenHash, record, ttlSeconds) {
      tokens.set(key(purpose, tokenHash), { ...record }, ttlSeconds)
    },

    async find (purpose, tokenHash) {
      const found = tokens.get(key(purpose, tokenHash))
      return found && { ...found }
    },

    // Read and removed in one turn of the event loop: no other call can come between.
    async take (purpose, tokenHash) {
      return tokens.take(key(purpose, tokenHash))
    }
  }
}
