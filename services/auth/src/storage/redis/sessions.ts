// Browser login sessions in Redis, by the hash of the session id the cookie carries, with a per-user index.
import type { Redis } from 'ioredis'
import type { SessionRecord, SessionStore } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_SET, bindScript, END_SET_MEMBERS } from './scripts.js'

export function redisSessionStore (redis: Redis, keys: RedisKeys): SessionStore {
  const endSetMembers = bindScript(redis, END_SET_MEMBERS)
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

    async delete (sessionHash) {
      await redis.del(keys.session(sessionHash))
    },

    async endUserSessions (userId) {
      await endSetMembers(keys.userSessions(userId), keys.session(''))
    }
  }
}
