// Browser login sessions in memory, by the hash of the session id the cookie carries, with a per-user index.
import type { SessionRecord, SessionStore } from '../types.js'
import { addToSet, type Keyspace } from './expiring-map.js'

export function memorySessionStore (space: Keyspace): SessionStore {
  const sessions = space.map<string>()
  const byUser = space.map<Set<string>>()
  return {
    async create (sessionHash, record, ttlSeconds) {
      sessions.set(sessionHash, JSON.stringify(record), ttlSeconds)
      addToSet(byUser, record.userId, sessionHash, ttlSeconds)
    },

    async find (sessionHash) {
      const stored = sessions.get(sessionHash)
      return stored === undefined ? undefined : JSON.parse(stored) as SessionRecord
    },

    async delete (sessionHash) {
      sessions.delete(sessionHash)
    },

    async endUserSessions (userId) {
      for (const sessionHash of byUser.take(userId) ?? []) sessions.delete(sessionHash)
    }
  }
}
