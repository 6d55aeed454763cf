// id_tokens (OpenID Connect Core §2, §3.1.3.6, §3.2.2.10): who signed in, when and how, signed for one client.
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { signJwt, type SigningAlgorithm } from '@keyhold/service-kit/jose'
import type { Client } from '../clients/client.js'
import type { StandardClaims } from '../oidc/claims.js'
import type { Authentication } from '../storage/types.js'

export const ID_TOKEN_TYPE = 'JWT'
export const ID_TOKEN_ALGORITHMS: SigningAlgorithm[] = ['RS256', 'ES256']

/** The `acr` of a sign-in with one factor: a password. */
export const PASSWORD_ACR = '1'
/** The `acr` of a sign-in with two factors: a password and a one-time code, or a passkey that verified its user. */
export const MULTI_FACTOR_ACR = '2'
export const ACR_VALUES = [PASSWORD_ACR, MULTI_FACTOR_ACR]

/** A sign-in that just happened with a password, outside any browser session (the password grant). */
export const passwordAuthentication = (): Authentication =>
  ({ authTime: Math.floor(Date.now() / 1000), amr: ['pwd'], acr: PASSWORD_ACR })

export interface IdTokenContent {
  client: Client
  /** The user's id: the `sub`. */
  subject: string
  authentication: Authentication
  nonce?: string | undefined
  /** The access token issued beside it, which `at_hash` binds it to. */
  accessToken?: string | undefined
  /** The user's claims, when no userinfo request is to follow (response_type=id_token). */
  claims?: StandardClaims | undefined
}

/** at_hash (Core §3.1.3.6): the left half of the token's SHA-256, the hash both RS256 and ES256 use. */
export const leftHalfHash = (token: string): string =>
  createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url')

export async function issueIdToken (app: FastifyInstance, content: IdTokenContent): Promise<string> {
  const { authTime, amr, acr, sid } = content.authentication
  const iat = Math.floor(Date.now() / 1000)
  return signJwt({
    ...content.claims,
    iss: app.config.issuer,
    sub: content.subject,
    aud: content.client.id,
    iat,
    exp: iat + app.config.idTokenTtl,
    auth_time: authTime,
    amr,
    acr,
    ...(sid !== undefined && { sid }),
    ...(content.nonce !== undefined && { nonce: content.nonce }),
    ...(content.accessToken !== undefined && { at_hash: leftHalfHash(content.accessToken) })
  }, await app.signing.signer(content.client.idTokenSigningAlg), ID_TOKEN_TYPE)
}
