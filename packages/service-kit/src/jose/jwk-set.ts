// A JWK Set held by value (the keys a client registered, or fetched from its jwks_uri): which of its keys a JWS header
// can name. Symmetric algorithms find none, so a public key can never be used as an HMAC secret.
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type CryptoKey, type JSONWebKeySet, type JWSHeaderParameters, type JWTPayload } from 'jose'

/** The keys that may have signed a JWS with `header`: none, one, or several when it names no kid. */
export type CandidateKeys = (header: JWSHeaderParameters) => Promise<CryptoKey[]>

export function candidateKeys (jwks: JSONWebKeySet): CandidateKeys {
  const set = createLocalJWKSet(jwks)
  return async (header) => {
    try {
      return [await set(header)]
    } catch (error) {
      if (error instanceof errors.JWKSMultipleMatchingKeys) {
        const keys: CryptoKey[] = []
        for await (const key of error) keys.push(key)
        return keys
      }
      // No key of that kid or type, an algorithm a key set cannot serve (HS256, none), or a key that does not import.
      if (error instanceof errors.JOSEError) return []
      throw error
    }
  }
}

/** The header and claims of a compact JWS, unverified: only to find out whose keys to check it with. */
export function readUnverified (token: string): { header: JWSHeaderParameters, payload: JWTPayload } | undefined {
  try {
    return { header: decodeProtectedHeader(token) as JWSHeaderParameters, payload: decodeJwt(token) }
  } catch {
    return undefined
  }
}

/** A JWS protected header, and a key that verifies one: jose's types, named here so callers need not import jose. */
export type JwsHeader = JWSHeaderParameters
export type VerificationKey = CryptoKey
