// Access tokens: RFC 9068 JWTs, recorded in Redis by hash, and the one definition of an active one.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { AccessTokenClaims, Actor, Audience } from '@keyhold/contracts'
import { sha256 } from '../crypto/hash.js'
import { MAX_ACCESS_TOKEN_TTL } from '../apis/api.js'
import type { AccessTokenRecord } from '../storage/types.js'
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
  /** The grant the token joins, so that ending the grant ends it; a client's own tokens join none. */
  grantId?: string
}

export interface IssuedAccessToken {
  token: string
  tokenHash: string
  expiresIn: number
  claims: AccessTokenClaims
}

export const namesAudience = (aud: Audience | undefined, audience: string): boolean =>
  Array.isArray(aud) ? aud.includes(audience) : aud === audience

/** How long a grant's bookkeeping lasts: as long as any token it may hold, for whichever API. */
export const grantLifetime = (app: FastifyInstance): number =>
  Math.max(app.config.refreshTokenTtl, app.config.accessTokenTtl, MAX_ACCESS_TOKEN_TTL)

/**
 * Signs and records an access token. A token in a grant joins it, in the same round trip as its record, and the
 * record names the grant, so that a token obtained by exchanging this one can join it too.
 */
export async function issueAccessToken (app: FastifyInstance, grant: AccessTokenGrant): Promise<IssuedAccessToken> {
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
  const token = app.signing.signAccessToken(claims)
  const tokenHash = sha256(token)
  const { grantId } = grant
  const [, held] = await Promise.all([
    app.stores.accessTokens.save(tokenHash, { claims, ...(grantId !== undefined && { grantId }) }, lifetime),
    grantId === undefined || app.stores.refreshTokens.addAccessToken(grantId, tokenHash, grantLifetime(app))
  ])
  // The grant ended while this was issued (a replay, a deleted client): the answer stands, the token is dead.
  if (!held) await app.stores.accessTokens.revoke(tokenHash)
  return { token, tokenHash, expiresIn: lifetime, claims }
}

/** Whether every client that acted in the token's delegation chain (RFC 8693 §4.1) is still registered. */
async function actorsRemain (app: FastifyInstance, act: Actor | undefined): Promise<boolean> {
  for (let actor = act; actor !== undefined; actor = actor.act) {
    if (actor.client_id !== undefined && await app.stores.clients.find(actor.client_id) === undefined) return false
  }
  return true
}

/**
 * The record of an active access token, or undefined: every place that accepts one asks here.
 * The record is keyed by the hash of the exact string we signed, so finding it proves the token is ours, unaltered,
 * and not revoked; revoking a grant, or deleting its user, deletes the record at that moment. A client's own tokens
 * die with the client: its record is looked up in the in-process client cache, which a deletion here empties at once.
 * A token obtained by exchange dies, too, with any client that acted in its chain.
 * `audience` names the API the token is presented to; introspection, which answers for every API, leaves it out.
 */
export async function findActiveAccessTokenRecord (
  app: FastifyInstance, token: string, { audience }: { audience?: string } = {}
): Promise<AccessTokenRecord | undefined> {
  const record = await app.stores.accessTokens.find(sha256(token))
  if (!record) return undefined
  const { claims } = record
  if (claims.iss !== app.config.issuer || claims.exp <= Date.now() / 1000) return undefined
  if (audience !== undefined && !namesAudience(claims.aud, audience)) return undefined
  if (await app.stores.clients.find(claims.client_id) === undefined) return undefined
  return await actorsRemain(app, claims.act) ? record : undefined
}

/** The claims of an active access token, or undefined (see findActiveAccessTokenRecord). */
export async function findActiveAccessToken (
  app: FastifyInstance, token: string, options: { audience?: string } = {}
): Promise<AccessTokenClaims | undefined> {
  return (await findActiveAccessTokenRecord(app, token, options))?.claims
}
