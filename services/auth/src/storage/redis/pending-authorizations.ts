// Authorization requests waiting for the user's sign-in and answer, in Redis, by the hash of their id.
import type { Redis } from 'ioredis'
import type { PendingAuthorizationRecord, PendingAuthorizationStore } from '../types.js'
import type { RedisKeys } from './keys.js'

const parse = (stored: string | null) => stored === null ? undefined : JSON.parse(stored) as PendingAuthorizationRecord

export function redisPendingAuthorizationStore (redis: Redis, keys: RedisKeys): PendingAuthorizationStore {
  return {
    async save (requestHash, record, ttlSeconds) {
      await redis.set(keys.pendingAuthorization(requestHash), JSON.stringify(record), 'EX', ttlSeconds)
    },

    async find (requestHash) {
      return parse(await redis.get(keys.pendingAuthorization(requestHash)))
    },

    async take (requestHash) {
      return parse(await redis.getdel(keys.pendingAuthorization(requestHash)))
    }
  }
}
