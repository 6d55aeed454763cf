// Refresh tokens in memory, by hash, and their grants: the set of member tokens plus a revoked marker.
import type { RefreshTokenRecord, RefreshTokenStore } from '../types.js'
import { addToSet, type Keyspace } from './expiring-map.js'

interface StoredToken {
  record: string
  rotated: boolean
}

const ACCESS = 'at:'
const REFRESH = 'rt:'

export function memoryRefreshTokenStore (space: Keyspace): RefreshTokenStore {
  const tokens = space.map<StoredToken>()
  const grantTokens = space.map<Set<string>>()
  const revokedGrants = space.map<true>()

  const store = (tokenHash: string, record: RefreshTokenRecord, ttlSeconds: number) => {
    tokens.set(tokenHash, { record: JSON.stringify(record), rotated: false }, ttlSeconds)
    addToSet(grantTokens, record.grantId, REFRESH + tokenHash, ttlSeconds)
  }

  return {
    async issue (tokenHash, record, ttlSeconds) {
      if (revokedGrants.has(record.grantId)) return false
      store(tokenHash, record, ttlSeconds)
      return true
    },

    async find (tokenHash) {
      const stored = tokens.get(tokenHash)
      return stored && { ...JSON.parse(stored.record) as RefreshTokenRecord, rotated: stored.rotated }
    },

    async rotate (tokenHash, successorHash, successor, ttlSeconds) {
      const stored = tokens.get(tokenHash)
      if (stored === undefined || revokedGrants.has(successor.grantId)) return 'unknown'
      if (stored.rotated) return 'replayed'
      stored.rotated = true
      store(successorHash, successor, ttlSeconds)
      return 'rotated'
    },

    async addAccessToken (grantId, accessTokenHash, ttlSeconds) {
      if (revokedGrants.has(grantId)) return false
      addToSet(grantTokens, grantId, ACCESS + accessTokenHash, ttlSeconds)
      return true
    },

    async revokeGrant (grantId, ttlSeconds) {
      revokedGrants.set(grantId, true, ttlSeconds)
      const members = [...grantTokens.take(grantId) ?? []]
      for (const member of members) {
        if (member.startsWith(REFRESH)) tokens.delete(member.slice(REFRESH.length))
      }
      return members.filter((member) => member.startsWith(ACCESS)).map((member) => member.slice(ACCESS.length))
    }
  }
}
