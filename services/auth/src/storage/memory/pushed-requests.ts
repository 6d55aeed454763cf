// Pushed authorization requests (RFC 9126) in memory, by the hash of their request_uri, used once.
import type { PushedRequestRecord, PushedRequestStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryPushedRequestStore (space: Keyspace): PushedRequestStore {
  const requests = space.map<string>()
  return {
    async save (requestHash, record, ttlSeconds) {
      requests.set(requestHash, JSON.stringify(record), ttlSeconds)
    },

    async find (requestHash) {
      const stored = requests.get(requestHash)
      return stored === undefined ? undefined : JSON.parse(stored) as PushedRequestRecord
    },

    async consume (requestHash) {
      return requests.delete(requestHash)
    }
  }
}
