// Fixed-window attempt counts in Redis, for throttling guessed credentials.
import type { Redis } from 'ioredis'
import type { FailureCounter } from '../types.js'
import type { RedisKeys } from './keys.js'
import { bindScript, FORGIVE_ATTEMPT, RESERVE_ATTEMPT } from './scripts.js'

export function redisFailureCounter (redis: Redis, keys: RedisKeys): FailureCounter {
  const reserveAttempt = bindScript(redis, RESERVE_ATTEMPT)
  const forgiveAttempt = bindScript(redis, FORGIVE_ATTEMPT)
  return {
    // Every client authentication asks, and nearly all have no failures: one GET answers them;
    // the window's end is asked for only when there is a count to report.
    async current (key) {
      const name = keys.failures(key)
      const failures = Number(await redis.get(name) ?? 0)
      if (failures === 0) return { failures, resetsIn: 0 }
      return { failures, resetsIn: Math.max(await redis.ttl(name), 0) }
    },

    async reserve (key, max, windowSeconds) {
      const [allowed, resetsIn] = await reserveAttempt(keys.failures(key), max, windowSeconds) as [number, number]
      return { allowed: allowed === 1, resetsIn }
    },

    async forgive (key) {
      await forgiveAttempt(keys.failures(key))
    }
  }
}
