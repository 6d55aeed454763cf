// at_hash (OpenID Connect Core §3.1.3.6, §3.1.3.8): the id_token names the access token issued beside it. openid-client
// leaves this check to the client in the code flow, where the token endpoint's TLS already binds the two; it costs one
// hash, and refuses a token response whose parts do not belong together.
import { createHash } from 'node:crypto'
import { decodeProtectedHeader } from 'jose'

/** The hash each JWS algorithm family uses, by the size in its name. */
const HASH_OF_SIZE: Record<string, string> = { 256: 'sha256', 384: 'sha384', 512: 'sha512' }

/** True when the id_token has no at_hash, or one that is the left half of `accessToken`'s hash. */
export function atHashMatches (idToken: string, atHash: unknown, accessToken: string): boolean {
  if (atHash === undefined) return true
  const { alg } = decodeProtectedHeader(idToken)
  const hash = HASH_OF_SIZE[/^(?:RS|PS|ES)(256|384|512)$/.exec(alg ?? '')?.[1] ?? '']
  if (hash === undefined || typeof atHash !== 'string') return false
  const digest = createHash(hash).update(accessToken).digest()
  return digest.subarray(0, digest.length / 2).toString('base64url') === atHash
}
