// Pushed authorization requests (RFC 9126) in Redis, by the hash of their request_uri, used once.
import type { Redis } from 'ioredis'
import type { PushedRequestRecord, PushedRequestStore } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisPushedRequestStore (redis: Redis, keys: RedisKeys): PushedRequestStore {
  return {
    async save (requestHash, record, ttlSeconds) {
      await redis.set(keys.pushedRequest(requestHash), JSON.stringify(record), 'EX', ttlSeconds)
    },

    async find (requestHash) {
      const stored = await redis.get(keys.pushedRequest(requestHash))
      return stored === null ? undefined : JSON.parse(stored) as PushedRequestRecord
    },

    async consume (requestHash) {
      return await redis.del(keys.pushedRequest(requestHash)) === 1
    }
  }
}
