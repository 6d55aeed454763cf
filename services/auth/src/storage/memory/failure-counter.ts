// Fixed-window attempt counts in memory, for throttling guessed credentials.
import type { FailureCounter } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryFailureCounter (space: Keyspace): FailureCounter {
  const counts = space.map<{ failures: number }>()
  // Whole seconds, rounded as Redis's TTL rounds them.
  const resetsIn = (key: string) => Math.max(Math.round((counts.expiresIn(key) ?? 0) / 1000), 0)

  return {
    async current (key) {
      return { failures: counts.get(key)?.failures ?? 0, resetsIn: resetsIn(key) }
    },

    async reserve (key, max, windowSeconds) {
      const live = counts.get(key)
      if (live && live.failures >= max) return { allowed: false, resetsIn: resetsIn(key) }
      // The window starts with its first count; later ones do not move its end.
      counts.upsert(key, () => ({ failures: 0 }), windowSeconds).failures++
      return { allowed: true, resetsIn: resetsIn(key) }
    },

    async forgive (key) {
      const live = counts.get(key)
      if (live === undefined) return
      if (live.failures > 1) live.failures--
      else counts.delete(key)
    }
  }
}
