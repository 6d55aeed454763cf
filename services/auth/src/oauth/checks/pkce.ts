// PKCE (RFC 7636) with S256 only (RFC 9700 §2.1.1): the challenge at /authorize, the verifier at /token.
import { createHash } from 'node:crypto'
import { safeEqual } from '../../crypto/hash.js'
import { InvalidGrant, InvalidRequest } from '../../errors.js'

const UNRESERVED_43_128 = /^[A-Za-z0-9._~-]{43,128}$/

/** The challenge to bind the code to, or undefined when none was sent and the client may do without. */
export function checkCodeChallenge (
  challenge: string | undefined, method: string | undefined, { required }: { required: boolean }
): string | undefined {
  if (challenge === undefined) {
    if (method !== undefined) throw new InvalidRequest('code_challenge_method was sent without code_challenge')
    if (required) throw new InvalidRequest('PKCE is required: send code_challenge with code_challenge_method=S256')
    return undefined
  }
  if (method !== 'S256') throw new InvalidRequest('code_challenge_method must be S256')
  if (!UNRESERVED_43_128.test(challenge)) throw new InvalidRequest('code_challenge must be 43 to 128 unreserved characters')
  return challenge
}

export const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url')

/** The token request's verifier must answer the code's challenge; neither may be present without the other. */
export function checkCodeVerifier (challenge: string | undefined, verifier: string | undefined): void {
  if (challenge === undefined) {
    if (verifier !== undefined) throw new InvalidGrant('code_verifier was sent for a code issued without code_challenge')
    return
  }
  if (verifier === undefined) throw new InvalidGrant('code_verifier is required for this code')
  if (!UNRESERVED_43_128.test(verifier)) throw new InvalidRequest('code_verifier must be 43 to 128 unreserved characters')
  if (!safeEqual(s256(verifier), challenge)) throw new InvalidGrant('code_verifier does not match the code_challenge')
}
