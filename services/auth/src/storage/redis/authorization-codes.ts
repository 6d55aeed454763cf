// Authorization codes in Redis, by hash: a hash of the code's record, marked with its grant once redeemed.
import type { Redis } from 'ioredis'
import type { AuthorizationCodeRecord, AuthorizationCodeStore } from '../types.js'
import type { RedisKeys } from './keys.js'
import { bindScript, REDEEM_CODE } from './scripts.js'

export function redisAuthorizationCodeStore (redis: Redis, keys: RedisKeys): AuthorizationCodeStore {
  const redeemCode = bindScript(redis, REDEEM_CODE)
  return {
    async save (codeHash, record, ttlSeconds) {
      const key = keys.authorizationCode(codeHash)
      await redis.multi().hset(key, 'record', JSON.stringify(record)).expire(key, ttlSeconds).exec()
    },

    async find (codeHash) {
      const stored = await redis.hget(keys.authorizationCode(codeHash), 'record')
      return stored === null ? undefined : JSON.parse(stored) as AuthorizationCodeRecord
    },

    async redeem (codeHash, grantId) {
      const result = await redeemCode(keys.authorizationCode(codeHash), grantId) as [string, string?] | null
      if (result === null) return { outcome: 'unknown' }
      const [outcome, earlierGrant] = result
      return outcome === 'redeemed' ? { outcome } : { outcome: 'replayed', grantId: earlierGrant! }
    }
  }
}
