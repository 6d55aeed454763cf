// Access tokens: RFC 9068 JWTs, recorded in Redis by hash, and the one definition of an active one.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { AccessTokenClaims, Actor, Audience } from '@keyhold/contracts'
import { sha256 } from '../crypto/hash.js'
import { tokenTarget } from './targets.js'

export interface AccessTokenGrant {
  subject: string
  clientId: string
  scopes: readonly string[]
  username?: string
  /** The APIs the token is for; by default, those its scopes belong to (see tokenTarget). */
  audience?: Audience
  /** Seconds the token lives; by default the shortest lifetime of the APIs its scopes belong to. */
  lifetime?: number
  /** Who acts for the subject, for a token obtained by exchange (RFC 8693 §4.1). */
  act?: Actor
}

export interface IssuedAccessToken {
  token: string
  tokenHash: string
  expiresIn: number
  claims: AccessTokenClaims
}

export const namesAudience = (aud: Audience | undefined, audience: string): boolean =>
  Array.isArray(aud) ? aud.includes(audience) : aud === audience

/**
 * Joins a token to the grant that holds it; false when the grant has ended, and the token with it.
 * Sent with the token's own record, in one round trip.
 */
export type JoinGrant = (tokenHash: string) => Promise<boolean>

/** Signs and records an access token; a user's token joins its grant (`joinGrant`), so that ending the grant ends it. */
export async function issueAccessToken (app: FastifyInstance, grant: AccessTokenGrant, joinGrant?: JoinGrant): Promise<IssuedAccessToken> {
  const { issuer } = app.config
  const byScope = grant.audience === undefined || grant.lifetime === undefined ? tokenTarget(await app.apis.current(), grant.scopes) : undefined
  const lifetime = grant.lifetime ?? byScope!.lifetime
  const iat = Math.floor(Date.now() / 1000)
  const claims: AccessTokenClaims = {
    iss: issuer,
    sub: grant.subject,
    aud: grant.audience ?? byScope!.audience,
    client_id: grant.clientId,
    scope: grant.scopes.join(' '),
    // A random UUID (122 bits) is drawn from a pre-filled entropy pool, about a tenth of the cost of fresh random bytes.
    jti: randomUUID(),
    iat,
    exp: iat + lifetime,
    ...(grant.username !== undefined && { username: grant.username }),
    ...(grant.act !== undefined && { act: grant.act })
  }
  const token = app.jwt.sign(claims)
  const tokenHash = sha256(token)
  const [, held] = await Promise.all([app.stores.accessTokens.save(tokenHash, claims, lifetime), joinGrant?.(tokenHash) ?? true])
  // The grant ended while this was issued (a replay, a deleted client): the answer stands, the token is dead.
  if (!held) await app.stores.accessTokens.revoke(tokenHash)
  return { token, tokenHash, expiresIn: lifetime, claims }
}

/**
 * The claims of an active access token, or undefined: every place that accepts one asks here.
 * The record is keyed by the hash of the exact string we signed, so finding it proves the token is ours, unaltered,
 * and not revoked; revoking a grant, or deleting its user, deletes the record at that moment. A client's own tokens
 * die with the client: its record is looked up in the in-process client cache, which a deletion here empties at once.
 * `audience` names the API the token is presented to; introspection, which answers for every API, leaves it out.
 */
export async function findActiveAccessToken (
  app: FastifyInstance, token: string, { audience }: { audience?: string } = {}
): Promise<AccessTokenClaims | undefined> {
  const claims = await app.stores.accessTokens.find(sha256(token))
  if (!claims || claims.iss !== app.config.issuer || claims.exp <= Date.now() / 1000) return undefined
  if (audience !== undefined && !namesAudience(claims.aud, audience)) return undefined
  return await app.stores.clients.find(claims.client_id) === undefined ? undefined : claims
}
