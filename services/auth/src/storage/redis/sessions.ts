// Browser login sessions in Redis, by the hash of the session id the cookie carries.
import type { Redis } from 'ioredis'
import type { SessionRecord, SessionStore } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisSessionStore (redis: Redis, keys: RedisKeys): SessionStore {
  return {
    async create (sessionHash, record, ttlSeconds) {
      await redis.set(keys.session(sessionHash), JSON.stringify(record), 'EX', ttlSeconds)
    },

    async find (sessionHash) {
      const stored = await redis.get(keys.session(sessionHash))
      return stored === null ? undefined : JSON.parse(stored) as SessionRecord
    },

    async delete (sessionHash) {
      await redis.del(keys.session(sessionHash))
    }
  }
}
