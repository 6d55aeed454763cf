// Fixed-window failure counts in memory, for throttling guessed credentials.
import type { FailureCounter } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryFailureCounter (space: Keyspace): FailureCounter {
  const counts = space.map<{ failures: number }>()
  return {
    async current (key) {
      const failures = counts.get(key)?.failures ?? 0
      // Whole seconds, rounded as Redis's TTL rounds them.
      const resetsIn = Math.max(Math.round((counts.expiresIn(key) ?? 0) / 1000), 0)
      return { failures, resetsIn }
    },

    async record (key, windowSeconds) {
      // The window starts with its first failure; later ones do not move its end.
      counts.upsert(key, () => ({ failures: 0 }), windowSeconds).failures++
    }
  }
}
