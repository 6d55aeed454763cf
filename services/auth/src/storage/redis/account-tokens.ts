// Single-use tokens mailed to account owners, in Redis, by purpose and the hash of the token; taken with GETDEL.
import type { Redis } from 'ioredis'
import type { AccountTokenRecord, AccountTokenStore } from '../types.js'
import type { RedisKeys } from './keys.js'

const parse = (stored: string | null): AccountTokenRecord | undefined =>
  stored === null ? undefined : JSON.parse(stored) as AccountTokenRecord

export function redisAccountTokenStore (redis: Redis, keys: RedisKeys): AccountTokenStore {
  return {
    async save (purpose, tokenHash, record, ttlSeconds) {
      await redis.set(keys.accountToken(purpose, tokenHash), JSON.stringify(record), 'EX', ttlSeconds)
    },

    async find (purpose, tokenHash) {
      return parse(await redis.get(keys.accountToken(purpose, tokenHash)))
    },

    async take (purpose, tokenHash) {
      return parse(await redis.getdel(keys.accountToken(purpose, tokenHash)))
    }
  }
}
