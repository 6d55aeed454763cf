// Which grants each user holds, as a Redis set that lives as long as the longest of them.
import type { Redis } from 'ioredis'
import type { UserGrantIndex } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_SET, bindScript, TAKE_SET } from './scripts.js'

export function redisUserGrantIndex (redis: Redis, keys: RedisKeys): UserGrantIndex {
  const addToSet = bindScript(redis, ADD_TO_SET)
  const takeSet = bindScript(redis, TAKE_SET)
  return {
    async add (userId, grantId, ttlSeconds) {
      await addToSet(keys.userGrants(userId), grantId, ttlSeconds)
    },

    async take (userId) {
      return await takeSet(keys.userGrants(userId)) as string[]
    }
  }
}
