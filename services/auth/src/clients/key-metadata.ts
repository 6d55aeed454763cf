// Checks the keys a private_key_jwt client registers (RFC 7591 §2 `jwks`, `jwks_uri`, `token_endpoint_auth_signing_alg`)
// and turns them into stored fields: public asymmetric keys only, by value or by reference, never both.
import { createPublicKey } from 'node:crypto'
import type { ClientAssertionSigningAlg, ClientJwks, ClientMetadata, TokenEndpointAuthMethod } from '@keyhold/contracts'
import { InvalidClientMetadata } from '../errors.js'
import type { ClientFields } from './client.js'
import { outboundUriProblem } from './outbound-uri.js'

type KeyFields = Pick<ClientFields, 'jwks' | 'jwksUri' | 'assertionSigningAlg'>

/** What a client may sign its assertions with, by the type of key that does it. */
const ALGORITHMS_BY_KEY: Record<string, { curve?: string, algorithms: ClientAssertionSigningAlg[] }> = {
  RSA: { algorithms: ['RS256', 'PS256'] },
  EC: { curve: 'P-256', algorithms: ['ES256'] },
  OKP: { curve: 'Ed25519', algorithms: ['EdDSA'] }
}
export const ASSERTION_SIGNING_ALGORITHMS: ClientAssertionSigningAlg[] = Object.values(ALGORITHMS_BY_KEY).flatMap((type) => type.algorithms)

/** Every private member of RFC 7518 §6 (RSA, EC, OKP) and the symmetric key `k`: none belongs in a public key set. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']
const MAX_JWKS_BYTES = 16 * 1024
const MIN_RSA_BITS = 2048
const MAX_KID_LENGTH = 200

/** Why `jwk` cannot verify a client's assertions, or the algorithms it can verify. Never repeats key material. */
function keyProblem (jwk: Record<string, unknown>): { problem: string } | { algorithms: ClientAssertionSigningAlg[] } {
  if (jwk.kty === 'oct') return { problem: 'is a symmetric key: register a public key' }
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) return { problem: 'holds private key material: register only the public key' }
  const type = ALGORITHMS_BY_KEY[jwk.kty as string]
  if (!type) return { problem: `has a key type that is not supported (${Object.keys(ALGORITHMS_BY_KEY).join(', ')})` }
  if (type.curve !== undefined && jwk.crv !== type.curve) return { problem: `must be on the curve ${type.curve}` }
  const { kid, use, key_ops: keyOps, alg } = jwk
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH)) {
    return { problem: `has a kid that is not a string of 1 to ${MAX_KID_LENGTH} characters` }
  }
  if (use !== undefined && use !== 'sig') return { problem: "is not for signatures ('use' is not 'sig')" }
  if (keyOps !== undefined && !(Array.isArray(keyOps) && keyOps.includes('verify'))) return { problem: "is not for verifying ('key_ops' lacks 'verify')" }
  if (alg !== undefined && !type.algorithms.includes(alg as ClientAssertionSigningAlg)) {
    return { problem: `names an algorithm this key type cannot sign assertions with (${type.algorithms.join(', ')})` }
  }
  let key
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' })
  } catch {
    return { problem: 'is not a valid public key' }
  }
  if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return { problem: `must have at least ${MIN_RSA_BITS} bits` }
  return { algorithms: alg === undefined ? type.algorithms : [alg as ClientAssertionSigningAlg] }
}

function checkJwks (jwks: ClientJwks, signingAlg: ClientAssertionSigningAlg | undefined): ClientJwks {
  if (Buffer.byteLength(JSON.stringify(jwks)) > MAX_JWKS_BYTES) throw new InvalidClientMetadata(`jwks must be at most ${MAX_JWKS_BYTES} bytes`)
  const kids = new Set<string>()
  const usable = new Set<ClientAssertionSigningAlg>()
  for (const [index, jwk] of (jwks.keys as Array<Record<string, unknown>>).entries()) {
    const checked = keyProblem(jwk)
    if ('problem' in checked) throw new InvalidClientMetadata(`jwks.keys[${index}] ${checked.problem}`)
    for (const alg of checked.algorithms) usable.add(alg)
    if (typeof jwk.kid === 'string') {
      // A kid names one key: with two, an assertion naming it could be checked against either.
      if (kids.has(jwk.kid)) throw new InvalidClientMetadata(`jwks.keys[${index}] repeats the kid of an earlier key`)
      kids.add(jwk.kid)
    }
  }
  if (signingAlg !== undefined && !usable.has(signingAlg)) {
    throw new InvalidClientMetadata('no key in jwks can sign with token_endpoint_auth_signing_alg')
  }
  return jwks
}

export function toKeyFields (metadata: ClientMetadata, authMethod: TokenEndpointAuthMethod): KeyFields {
  const { jwks, jwks_uri: jwksUri, token_endpoint_auth_signing_alg: signingAlg } = metadata
  if (authMethod !== 'private_key_jwt') {
    if (jwks !== undefined || jwksUri !== undefined || signingAlg !== undefined) {
      throw new InvalidClientMetadata('jwks, jwks_uri and token_endpoint_auth_signing_alg are for private_key_jwt clients')
    }
    return {}
  }
  if (jwks !== undefined && jwksUri !== undefined) throw new InvalidClientMetadata('jwks and jwks_uri cannot both be given')
  if (jwksUri !== undefined) {
    const problem = outboundUriProblem(jwksUri)
    if (problem) throw new InvalidClientMetadata(`jwks_uri ${problem}`)
    return { jwksUri, ...(signingAlg !== undefined && { assertionSigningAlg: signingAlg }) }
  }
  if (jwks === undefined) throw new InvalidClientMetadata('private_key_jwt needs the client\'s public keys, in jwks or at jwks_uri')
  return { jwks: checkJwks(jwks, signingAlg), ...(signingAlg !== undefined && { assertionSigningAlg: signingAlg }) }
}

const MAX_FETCHED_KEYS = 20

/** The keys of a set fetched from a jwks_uri that the rules for registered keys allow; any other key is left out. */
export function usableFetchedKeys (document: unknown): Array<Record<string, unknown>> {
  const keys = typeof document === 'object' && document !== null ? (document as { keys?: unknown }).keys : undefined
  if (!Array.isArray(keys)) return []
  return keys.slice(0, MAX_FETCHED_KEYS).filter((jwk): jwk is Record<string, unknown> =>
    typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk) && !('problem' in keyProblem(jwk as Record<string, unknown>)))
}
