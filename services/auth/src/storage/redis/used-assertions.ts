// Client assertions already used, in Redis: one key per client and jti, set only if absent and expiring with the assertion.
import type { Redis } from 'ioredis'
import type { UsedAssertionStore } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisUsedAssertionStore (redis: Redis, keys: RedisKeys): UsedAssertionStore {
  return {
    async use (clientId, jtiHash, ttlSeconds) {
      return await redis.set(keys.usedAssertion(clientId, jtiHash), '1', 'EX', ttlSeconds, 'NX') === 'OK'
    }
  }
}
