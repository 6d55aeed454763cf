// Which grants each user holds, as a Redis set that lives as long as the longest of them.
import type { Redis } from 'ioredis'
import type { UserGrantIndex } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_SET, TAKE_SET } from './scripts.js'

export function redisUserGrantIndex (redis: Redis, keys: RedisKeys): UserGrantIndex {
  return {
    async add (userId, grantId, ttlSeconds) {
      await redis.eval(ADD_TO_SET, 1, keys.userGrants(userId), grantId, ttlSeconds)
    },

    async take (userId) {
      return await redis.eval(TAKE_SET, 1, keys.userGrants(userId)) as string[]
    }
  }
}
