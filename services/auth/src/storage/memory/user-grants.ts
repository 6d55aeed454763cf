// Which grants each user holds, as a set that lives as long as the longest of them.
import type { UserGrantIndex } from '../types.js'
import { addToSet, type Keyspace } from './expiring-map.js'

export function memoryUserGrantIndex (space: Keyspace): UserGrantIndex {
  const grants = space.map<Set<string>>()
  return {
    async add (userId, grantId, ttlSeconds) {
      addToSet(grants, userId, grantId, ttlSeconds)
    },

    async take (userId) {
      return [...grants.take(userId) ?? []]
    }
  }
}
