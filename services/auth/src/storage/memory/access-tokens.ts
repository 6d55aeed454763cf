// Access-token records in memory, keyed by the token's hash and expiring with the token.
import { clientEndedNotice, jtiRevokedNotice, type AccessTokenClaims } from '@keyhold/contracts'
import type { AccessTokenStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'
import type { RevocationChannel } from './revocations.js'

export function memoryAccessTokenStore (space: Keyspace, revocations: Pick<RevocationChannel, 'announce'>): AccessTokenStore {
  // Records are kept serialized, as Redis keeps them: a caller's later changes never reach the store.
  const tokens = space.map<string>()
  return {
    async save (tokenHash, claims, ttlSeconds) {
      tokens.set(tokenHash, JSON.stringify(claims), ttlSeconds)
    },

    async find (tokenHash) {
      const stored = tokens.get(tokenHash)
      return stored === undefined ? undefined : JSON.parse(stored) as AccessTokenClaims
    },

    async revoke (tokenHash) {
      const stored = tokens.take(tokenHash)
      if (stored === undefined) return false
      revocations.announce(jtiRevokedNotice((JSON.parse(stored) as AccessTokenClaims).jti))
      return true
    },

    async announceClientEnded (clientId) {
      revocations.announce(clientEndedNotice(clientId))
    }
  }
}
