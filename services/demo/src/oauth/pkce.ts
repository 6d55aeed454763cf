// A fresh authorization request: unguessable state and a PKCE S256 verifier/challenge pair (RFC 7636 §4).
import { createHash } from 'node:crypto'
import { randomId, type PendingAuthorization } from '../session/store.js'

export function newAuthorization (): PendingAuthorization & { codeChallenge: string } {
  // 32 random bytes → 43 base64url characters: the shortest verifier RFC 7636 allows, 256 bits strong.
  const codeVerifier = randomId(32)
  return {
    state: randomId(16),
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url')
  }
}
