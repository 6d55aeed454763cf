// RFC 7523 §2.2 client assertions for private_key_jwt (OpenID Connect Core §9): a JWT signed with the client's
// own key, naming the client as iss and sub and the identity service's issuer as its only audience, short-lived
// and never used twice.
import { randomUUID, type KeyObject } from 'node:crypto'
import { importJWK, SignJWT, type JWK } from 'jose'

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** Seconds an assertion is good for: long enough for one request's trip, too short to be worth stealing. */
export const ASSERTION_LIFETIME = 60

export type AssertionAlgorithm = 'ES256' | 'ES384' | 'ES512' | 'PS256' | 'PS384' | 'PS512' | 'RS256' | 'RS384' | 'RS512' | 'EdDSA'

export interface AssertionSigner {
  clientId: string
  /** The client's private key: a JWK (whose `kid`, if any, is named in the header) or a KeyObject. */
  privateKey: JWK | KeyObject
  alg: AssertionAlgorithm
}

/** Signs assertions for `signer`, addressed to `audience`; the key is imported once. */
export function clientAssertions (signer: AssertionSigner, audience: string, now: () => number = Date.now): () => Promise<string> {
  const jwk = isJwk(signer.privateKey) ? signer.privateKey : undefined
  const key = jwk ? importJWK(jwk, signer.alg) : Promise.resolve(signer.privateKey as KeyObject)
  // An import failure is reported when the first assertion is signed, not as an unhandled rejection now.
  key.catch(() => {})
  return async () => {
    const issuedAt = Math.floor(now() / 1000)
    return new SignJWT({})
      .setProtectedHeader({ alg: signer.alg, ...(jwk?.kid !== undefined && { kid: jwk.kid }) })
      .setIssuer(signer.clientId)
      .setSubject(signer.clientId)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME)
      .setJti(randomUUID())
      .sign(await key)
  }
}

const isJwk = (key: JWK | KeyObject): key is JWK => typeof (key as KeyObject).export !== 'function'
