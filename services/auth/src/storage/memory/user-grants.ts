// Which grants each user holds, as a set that lives as long as the longest of them.
import type { UserGrantIndex } from '../types.js'
import { grantIdOf, grantMember, indexedGrant, ofClient } from '../user-grant-members.js'
import { addToSet, type Keyspace } from './expiring-map.js'

export function memoryUserGrantIndex (space: Keyspace): UserGrantIndex {
  const grants = space.map<Set<string>>()
  return {
    async add (userId, grant, ttlSeconds) {
      addToSet(grants, userId, grantMember(grant), ttlSeconds)
    },

    async list (userId) {
      return [...grants.get(userId) ?? []].map(indexedGrant)
    },

    async takeClient (userId, clientId) {
      const members = [...grants.get(userId) ?? []].filter(ofClient(clientId))
      for (const member of members) grants.get(userId)?.delete(member)
      return members.map(grantIdOf)
    },

    async take (userId) {
      return [...grants.take(userId) ?? []].map(grantIdOf)
    }
  }
}
