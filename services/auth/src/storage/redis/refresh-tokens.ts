// Refresh tokens in Redis, by hash, and their grants: a set of member tokens plus a revoked marker.
import type { Redis } from 'ioredis'
import type { RefreshTokenRecord, RefreshTokenStore, Rotation } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_GRANT, bindScript, ISSUE_REFRESH_TOKEN, REVOKE_GRANT, ROTATE_REFRESH_TOKEN } from './scripts.js'

const ACCESS = 'at:'
const REFRESH = 'rt:'

export function redisRefreshTokenStore (redis: Redis, keys: RedisKeys): RefreshTokenStore {
  const addToGrant = bindScript(redis, ADD_TO_GRANT)
  const issueRefreshToken = bindScript(redis, ISSUE_REFRESH_TOKEN)
  const revokeGrant = bindScript(redis, REVOKE_GRANT)
  const rotateRefreshToken = bindScript(redis, ROTATE_REFRESH_TOKEN)
  const grantKeys = (grantId: string) => [keys.grantTokens(grantId), keys.grantRevoked(grantId)]

  return {
    async issue (tokenHash, record, ttlSeconds) {
      const issued = await issueRefreshToken(keys.refreshToken(tokenHash), ...grantKeys(record.grantId),
        JSON.stringify(record), ttlSeconds, REFRESH + tokenHash)
      return issued === 1
    },

    async find (tokenHash) {
      const stored = await redis.hgetall(keys.refreshToken(tokenHash))
      if (stored.record === undefined) return undefined
      return { ...JSON.parse(stored.record) as RefreshTokenRecord, rotated: stored.rotated === '1' }
    },

    async rotate (tokenHash, successorHash, successor, ttlSeconds) {
      return await rotateRefreshToken(keys.refreshToken(tokenHash), keys.refreshToken(successorHash), ...grantKeys(successor.grantId),
        JSON.stringify(successor), ttlSeconds, REFRESH + successorHash) as Rotation
    },

    async addAccessToken (grantId, accessTokenHash, ttlSeconds) {
      return await addToGrant(...grantKeys(grantId), ACCESS + accessTokenHash, ttlSeconds) === 1
    },

    async revokeGrant (grantId, ttlSeconds) {
      const members = await revokeGrant(...grantKeys(grantId), ttlSeconds) as string[]
      const refreshTokens = members.filter((member) => member.startsWith(REFRESH))
      if (refreshTokens.length > 0) {
        await redis.del(...refreshTokens.map((member) => keys.refreshToken(member.slice(REFRESH.length))))
      }
      return members.filter((member) => member.startsWith(ACCESS)).map((member) => member.slice(ACCESS.length))
    }
  }
}
