// The addresses each account signed in from, in Redis: one key per account and address, expiring on its own.
import type { Redis } from 'ioredis'
import type { KnownAddressStore } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisKnownAddressStore (redis: Redis, keys: RedisKeys): KnownAddressStore {
  return {
    async remember (usernameKey, address, ttlSeconds) {
      await redis.set(keys.knownAddress(usernameKey, address), '1', 'EX', ttlSeconds)
    },

    async isKnown (usernameKey, address) {
      return await redis.exists(keys.knownAddress(usernameKey, address)) === 1
    }
  }
}
