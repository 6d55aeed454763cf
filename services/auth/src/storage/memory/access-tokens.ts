// Access-token records in memory, keyed by the token's hash and expiring with the token.
import { clientEndedNotice, jtiRevokedNotice } from '@keyhold/contracts'
import { parseAccessToken, serializeAccessToken } from '../access-token-record.js'
import type { AccessTokenStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'
import type { RevocationChannel } from './revocations.js'

export function memoryAccessTokenStore (space: Keyspace, revocations: Pick<RevocationChannel, 'announce'>): AccessTokenStore {
  // Records are kept serialized, as Redis keeps them: a caller's later changes never reach the store.
  const tokens = space.map<string>()
  return {
    async save (tokenHash, record, ttlSeconds) {
      tokens.set(tokenHash, serializeAccessToken(record), ttlSeconds)
    },

    async find (tokenHash) {
      const stored = tokens.get(tokenHash)
      return stored === undefined ? undefined : parseAccessToken(stored)
    },

    async revoke (tokenHash) {
      const stored = tokens.take(tokenHash)
      if (stored === undefined) return false
      revocations.announce(jtiRevokedNotice(parseAccessToken(stored).claims.jti))
      return true
    },

    async announceClientEnded (clientId) {
      revocations.announce(clientEndedNotice(clientId))
    }
  }
}
