// Fixed-window failure counts in Redis, for throttling guessed credentials.
import type { Redis } from 'ioredis'
import type { FailureCounter } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisFailureCounter (redis: Redis, keys: RedisKeys): FailureCounter {
  return {
    async current (key) {
      const name = keys.failures(key)
      const [[, failures], [, ttl]] = await redis.multi().get(name).ttl(name).exec() as [[null, string | null], [null, number]]
      return { failures: Number(failures ?? 0), resetsIn: Math.max(ttl, 0) }
    },

    async record (key, windowSeconds) {
      const name = keys.failures(key)
      await redis.multi().incr(name).expire(name, windowSeconds, 'NX').exec()
    }
  }
}
