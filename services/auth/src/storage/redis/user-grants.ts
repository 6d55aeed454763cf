// Which grants each user holds, as a Redis set that lives as long as the longest of them.
import type { Redis } from 'ioredis'
import type { UserGrantIndex } from '../types.js'
import { grantIdOf, grantMember, indexedGrant, ofClient } from '../user-grant-members.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_SET, bindScript, TAKE_SET } from './scripts.js'

export function redisUserGrantIndex (redis: Redis, keys: RedisKeys): UserGrantIndex {
  const addToSet = bindScript(redis, ADD_TO_SET)
  const takeSet = bindScript(redis, TAKE_SET)
  return {
    async add (userId, grant, ttlSeconds) {
      await addToSet(keys.userGrants(userId), grantMember(grant), ttlSeconds)
    },

    async list (userId) {
      return (await redis.smembers(keys.userGrants(userId))).map(indexedGrant)
    },

    async takeClient (userId, clientId) {
      const key = keys.userGrants(userId)
      const members = (await redis.smembers(key)).filter(ofClient(clientId))
      // Two callers at once may both take a member: revoking a grant twice does no harm.
      if (members.length > 0) await redis.srem(key, ...members)
      return members.map(grantIdOf)
    },

    async take (userId) {
      return (await takeSet(keys.userGrants(userId)) as string[]).map(grantIdOf)
    }
  }
}
