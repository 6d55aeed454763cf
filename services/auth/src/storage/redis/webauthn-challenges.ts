// WebAuthn challenges waiting for their ceremony's answer, in Redis, by the hash of the challenge; GETDEL takes each once.
import type { Redis } from 'ioredis'
import type { WebAuthnChallengeRecord, WebAuthnChallengeStore } from '../types.js'
import type { RedisKeys } from './keys.js'

export function redisWebAuthnChallengeStore (redis: Redis, keys: RedisKeys): WebAuthnChallengeStore {
  return {
    async save (challengeHash, record, ttlSeconds) {
      await redis.set(keys.webauthnChallenge(challengeHash), JSON.stringify(record), 'EX', ttlSeconds)
    },

    async take (challengeHash) {
      const stored = await redis.getdel(keys.webauthnChallenge(challengeHash))
      return stored === null ? undefined : JSON.parse(stored) as WebAuthnChallengeRecord
    }
  }
}
