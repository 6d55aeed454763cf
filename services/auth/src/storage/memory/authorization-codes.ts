// Authorization codes in memory, by hash: the code's record, marked with its grant once redeemed.
import type { AuthorizationCodeRecord, AuthorizationCodeStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

interface StoredCode {
  record: string
  grantId?: string
}

export function memoryAuthorizationCodeStore (space: Keyspace): AuthorizationCodeStore {
  const codes = space.map<StoredCode>()
  return {
    async save (codeHash, record, ttlSeconds) {
      codes.set(codeHash, { record: JSON.stringify(record) }, ttlSeconds)
    },

    async find (codeHash) {
      const stored = codes.get(codeHash)
      return stored && JSON.parse(stored.record) as AuthorizationCodeRecord
    },

    async redeem (codeHash, grantId) {
      const stored = codes.get(codeHash)
      if (stored === undefined) return { outcome: 'unknown' }
      if (stored.grantId !== undefined) return { outcome: 'replayed', grantId: stored.grantId }
      stored.grantId = grantId
      return { outcome: 'redeemed' }
    }
  }
}
