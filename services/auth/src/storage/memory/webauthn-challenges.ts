// WebAuthn challenges waiting for their ceremony's answer, in memory, by the hash of the challenge; taken once.
import type { WebAuthnChallengeRecord, WebAuthnChallengeStore } from '../types.js'
import type { Keyspace } from './expiring-map.js'

export function memoryWebAuthnChallengeStore (space: Keyspace): WebAuthnChallengeStore {
  const challenges = space.map<WebAuthnChallengeRecord>()
  return {
    async save (challengeHash, record, ttlSeconds) {
      challenges.set(challengeHash, { ...record }, ttlSeconds)
    },

    async take (challengeHash) {
      return challenges.take(challengeHash)
    }
  }
}
