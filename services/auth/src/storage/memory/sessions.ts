// Browser login sessions in memory, by the hash of the session id the cookie carries, with a per-user index and, by
// sid, who took part in each.
import { clientsOf, grantsOf, participantFields } from '../session-participants.js'
import type { EndedSession, SessionRecord, SessionStore } from '../types.js'
import { addToSet, type Keyspace } from './expiring-map.js'

export function memorySessionStore (space: Keyspace): SessionStore {
  const sessions = space.map<string>()
  const byUser = space.map<Set<string>>()
  const participants = space.map<Record<string, string>>()

  function end (sessionHash: string): EndedSession | undefined {
    const stored = sessions.take(sessionHash)
    if (stored === undefined) return undefined
    const record = JSON.parse(stored) as SessionRecord
    byUser.get(record.userId)?.delete(sessionHash)
    const fields = (record.sid !== undefined && participants.take(record.sid)) || {}
    return { record, clients: clientsOf(fields), grants: grantsOf(fields) }
  }

  return {
    async create (sessionHash, record, ttlSeconds) {
      sessions.set(sessionHash, JSON.stringify(record), ttlSeconds)
      addToSet(byUser, record.userId, sessionHash, ttlSeconds)
    },

    async find (sessionHash) {
      const stored = sessions.get(sessionHash)
      return stored === undefined ? undefined : JSON.parse(stored) as SessionRecord
    },

    async touch (sessionHash, lastSeen) {
      const stored = sessions.get(sessionHash)
      const left = sessions.expiresIn(sessionHash)
      if (stored === undefined || left === undefined) return
      sessions.set(sessionHash, JSON.stringify({ ...JSON.parse(stored) as SessionRecord, lastSeen }), left / 1000)
    },

    async listForUser (userId) {
      return [...byUser.get(userId) ?? []].flatMap((sessionHash) => {
        const stored = sessions.get(sessionHash)
        return stored === undefined ? [] : [{ sessionHash, record: JSON.parse(stored) as SessionRecord }]
      })
    },

    async join (sid, participant, ttlSeconds) {
      Object.assign(participants.upsert(sid, () => ({}), ttlSeconds), participantFields(participant))
      participants.extend(sid, ttlSeconds)
    },

    async participants (sid) {
      return clientsOf(participants.get(sid) ?? {})
    },

    async end (sessionHash) {
      return end(sessionHash)
    },

    async endUserSessions (userId) {
      const ended = [...byUser.take(userId) ?? []].map(end)
      return ended.filter((session): session is EndedSession => session !== undefined)
    }
  }
}
