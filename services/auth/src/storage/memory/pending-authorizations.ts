// Authorization requests waiting for the user's sign-in and answer, in memory, by the hash of their id.
import type { PendingAuthorizationRecord, PendingAuthorizationStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryPendingAuthorizationStore (space: Keyspace): PendingAuthorizationStore {
  const requests = space.map<PendingAuthorizationRecord>()
  return {
    async save (requestHash, record, ttlSeconds) {
      requests.set(requestHash, record, ttlSeconds)
    },

    async find (requestHash) {
      return requests.get(requestHash)
    },

    async take (requestHash) {
      return requests.take(requestHash)
    }
  }
}
