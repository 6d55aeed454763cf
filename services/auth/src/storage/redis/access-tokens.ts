// Access-token records in Redis, keyed by the token's hash and expiring with the token.
import type { Redis } from 'ioredis'
import { clientEndedNotice, jtiRevokedNotice } from '@keyhold/contracts'
import { parseAccessToken, serializeAccessToken } from '../access-token-record.js'
import type { AccessTokenStore } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisAccessTokenStore (redis: Redis, keys: RedisKeys): AccessTokenStore {
  return {
    async save (tokenHash, record, ttlSeconds) {
      await redis.set(keys.accessToken(tokenHash), serializeAccessToken(record), 'EX', ttlSeconds)
    },

    async find (tokenHash) {
      const stored = await redis.get(keys.accessToken(tokenHash))
      return stored === null ? undefined : parseAccessToken(stored)
    },

    async revoke (tokenHash) {
      const stored = await redis.getdel(keys.accessToken(tokenHash))
      if (stored === null) return false
      const { jti } = parseAccessToken(stored).claims
      await redis.publish(keys.revocations, jtiRevokedNotice(jti))
      return true
    },

    async announceClientEnded (clientId) {
      await redis.publish(keys.revocations, clientEndedNotice(clientId))
    }
  }
}
