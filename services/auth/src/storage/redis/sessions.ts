// Browser login sessions in Redis, by the hash of the session id the cookie carries, with a per-user index and, by
// sid, who took part in each.
import type { Redis } from 'ioredis'
import { clientsOf, grantsOf, participantFields } from '../session-participants.js'
import type { EndedSession, SessionRecord, SessionStore } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_SET } from './scripts.js'

export function redisSessionStore (redis: Redis, keys: RedisKeys): SessionStore {
  async function end (sessionHash: string): Promise<EndedSession | undefined> {
    // GETDEL hands the record to one caller alone: only that one reads, and so ends, what took part in it.
    const stored = await redis.getdel(keys.session(sessionHash))
    if (stored === null) return undefined
    const record = JSON.parse(stored) as SessionRecord
    if (record.sid === undefined) {
      await redis.srem(keys.userSessions(record.userId), sessionHash)
      return { record, clients: [], grants: [] }
    }
    const participants = keys.sessionParticipants(record.sid)
    const [, [, fields]] = await redis.multi()
      .srem(keys.userSessions(record.userId), sessionHash)
      .hgetall(participants)
      .del(participants)
      .exec() as [unknown, [unknown, Record<string, string>]]
    return { record, clients: clientsOf(fields), grants: grantsOf(fields) }
  }

  return {
    async create (sessionHash, record, ttlSeconds) {
      await redis.multi()
        .set(keys.session(sessionHash), JSON.stringify(record), 'EX', ttlSeconds)
        .eval(ADD_TO_SET.lua, ADD_TO_SET.numberOfKeys, keys.userSessions(record.userId), sessionHash, ttlSeconds)
        .exec()
    },

    async find (sessionHash) {
      const stored = await redis.get(keys.session(sessionHash))
      return stored === null ? undefined : JSON.parse(stored) as SessionRecord
    },

    async touch (sessionHash, lastSeen) {
      const key = keys.session(sessionHash)
      const stored = await redis.get(key)
      if (stored === null) return
      // XX: a session ended meanwhile stays ended; KEEPTTL: being used does not make it last longer.
      await redis.set(key, JSON.stringify({ ...JSON.parse(stored) as SessionRecord, lastSeen }), 'KEEPTTL', 'XX')
    },

    async listForUser (userId) {
      const hashes = await redis.smembers(keys.userSessions(userId))
      if (hashes.length === 0) return []
      const stored = await redis.mget(hashes.map((hash) => keys.session(hash)))
      return hashes.flatMap((sessionHash, index) => {
        const value = stored[index]
        return value === null || value === undefined ? [] : [{ sessionHash, record: JSON.parse(value) as SessionRecord }]
      })
    },

    async join (sid, participant, ttlSeconds) {
      const key = keys.sessionParticipants(sid)
      await redis.multi().hset(key, participantFields(participant)).expire(key, ttlSeconds).exec()
    },

    async participants (sid) {
      return clientsOf(await redis.hgetall(keys.sessionParticipants(sid)))
    },

    end,

    async endUserSessions (userId) {
      const ended = await Promise.all((await redis.smembers(keys.userSessions(userId))).map(end))
      await redis.del(keys.userSessions(userId))
      return ended.filter((session): session is EndedSession => session !== undefined)
    }
  }
}
