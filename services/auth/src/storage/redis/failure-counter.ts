// Fixed-window failure counts in Redis, for throttling guessed credentials.
import type { Redis } from 'ioredis'
import type { FailureCounter } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisFailureCounter (redis: Redis, keys: RedisKeys): FailureCounter {
  return {
    // Every client authentication asks, and nearly all have no failures: one GET answers them;
    // the window's end is asked for only when there is a count to report.
    async current (key) {
      const name = keys.failures(key)
      const failures = Number(await redis.get(name) ?? 0)
      if (failures === 0) return { failures, resetsIn: 0 }
      return { failures, resetsIn: Math.max(await redis.ttl(name), 0) }
    },

    async record (key, windowSeconds) {
      const name = keys.failures(key)
      await redis.multi().incr(name).expire(name, windowSeconds, 'NX').exec()
    }
  }
}
