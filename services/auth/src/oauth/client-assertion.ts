// Checks a client assertion (private_key_jwt: RFC 7523 §3, OpenID Connect Core §9), with the audience rule of
// draft-ietf-oauth-rfc7523bis: `aud` is this server's issuer identifier and nothing else, so that an assertion made for
// another server, or for one of our endpoints, is never taken here. Each assertion is accepted once.
import { JwtRejected, readUnverified, verifyJwtWithAnyKey } from '@keyhold/service-kit/jose'
import type { FastifyInstance } from 'fastify'
import type { Client } from '../clients/client.js'
import { ASSERTION_SIGNING_ALGORITHMS } from '../clients/key-metadata.js'
import { sha256 } from '../crypto/hash.js'

/** How far the client's clock may be from ours. */
export const ASSERTION_CLOCK_SKEW_SECONDS = 5
/** The longest an assertion may live: it is made for one request, and its jti is kept until it expires. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300
const MAX_JTI_LENGTH = 256

/** The client's name in an assertion, unverified: whose keys to check it with when the request gives no client_id. */
export function assertedClientId (assertion: string): string | undefined {
  const sub = readUnverified(assertion)?.payload.sub
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 200 ? sub : undefined
}

/**
 * Why `assertion` does not authenticate `client`, or undefined once it does: its jti is then spent. The reason is for
 * the log; the client is told only that authentication failed.
 */
export async function assertionProblem (app: FastifyInstance, client: Client, assertion: string): Promise<string | undefined> {
  const unverified = readUnverified(assertion)
  if (!unverified) return 'not a JWS'
  let claims
  try {
    claims = await verifyJwtWithAnyKey(assertion, await app.clientKeys.candidates(client, unverified.header), {
      algorithms: client.assertionSigningAlg === undefined ? ASSERTION_SIGNING_ALGORITHMS : [client.assertionSigningAlg],
      issuer: client.id,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
      clockToleranceSeconds: ASSERTION_CLOCK_SKEW_SECONDS
    })
  } catch (error) {
    if (error instanceof JwtRejected) return `refused: ${error.problem}`
    throw error
  }
  const now = Math.floor(Date.now() / 1000)
  const { sub, aud, exp, iat, jti } = claims
  if (sub !== client.id) return 'sub is not the client'
  // A string, not an array holding it (RFC 7523bis §3): a list of audiences is how an assertion is replayed elsewhere.
  if (typeof aud !== 'string' || aud !== app.config.issuer) return 'aud is not the issuer identifier'
  if (exp! > now + MAX_ASSERTION_LIFETIME_SECONDS + ASSERTION_CLOCK_SKEW_SECONDS) return 'exp is too far ahead'
  if (iat !== undefined && exp! - iat > MAX_ASSERTION_LIFETIME_SECONDS) return 'lives too long'
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) return 'jti is not a short string'
  const keptFor = Math.max(1, exp! - now + ASSERTION_CLOCK_SKEW_SECONDS)
  if (!(await app.stores.usedAssertions.use(client.id, sha256(jti), keptFor))) return 'jti was used before'
  return undefined
}
