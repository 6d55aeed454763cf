// Browser login sessions in memory, by the hash of the session id the cookie carries.
import type { SessionRecord, SessionStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memorySessionStore (space: Keyspace): SessionStore {
  const sessions = space.map<string>()
  return {
    async create (sessionHash, record, ttlSeconds) {
      sessions.set(sessionHash, JSON.stringify(record), ttlSeconds)
    },

    async find (sessionHash) {
      const stored = sessions.get(sessionHash)
      return stored === undefined ? undefined : JSON.parse(stored) as SessionRecord
    },

    async delete (sessionHash) {
      sessions.delete(sessionHash)
    }
  }
}
