// Tokens issued to users. Each authorization starts a grant that its access and refresh tokens join, so that a
// replayed code, a replayed refresh token, a revoked refresh token, a deleted account or client ends them all together.
import type { FastifyInstance } from 'fastify'
import type { TokenResponse } from '@keyhold/contracts'
import type { Client } from '../clients/client.js'
import { randomToken, sha256 } from '../crypto/hash.js'
import { OFFLINE_ACCESS_SCOPE, OPENID_SCOPE } from '../identity-scopes.js'
import type { Authentication, RefreshTokenRecord } from '../storage/types.js'
import { grantLifetime, issueAccessToken } from './access-tokens.js'
import { issueIdToken } from './id-tokens.js'
import { grantApis, tokenTarget, type TokenTarget } from './targets.js'

export interface UserGrant {
  id: string
  clientId: string
  userId: string
  username: string
  scopes: readonly string[]
  /** The APIs the authorization named with `resource` (RFC 8707); absent when it named none. */
  resources?: readonly string[]
  /** Seconds since the epoch when the user authorized the grant. */
  startedAt: number
  /** The scopes came from the user's answer on the consent page. */
  throughConsent?: boolean
  /** The sign-in the grant came from, which its id_tokens describe. */
  authentication?: Authentication
}

/** Records a new grant under its user and its client; should the client have been deleted meanwhile, it is born revoked. */
export async function startGrant (app: FastifyInstance, grant: Omit<UserGrant, 'id' | 'startedAt'>, id = randomToken(16)): Promise<UserGrant> {
  const started = { id, startedAt: Math.floor(Date.now() / 1000), ...grant }
  const sid = grant.authentication?.sid
  const [, clientLive] = await Promise.all([
    app.stores.userGrants.add(grant.userId, { grantId: started.id, clientId: grant.clientId, startedAt: started.startedAt }, grantLifetime(app)),
    app.stores.clientGrants.add(grant.clientId, started.id, grantLifetime(app)),
    // A grant from a browser session is noted in it, so that signing out can end it.
    sid !== undefined && app.stores.sessions.join(sid, {
      clientId: grant.clientId, grantId: started.id, offline: grant.scopes.includes(OFFLINE_ACCESS_SCOPE)
    }, app.config.sessionTtl)
  ])
  if (!clientLive) await revokeGrant(app, started.id)
  return started
}

/** A refresh token's record: it lives REFRESH_TOKEN_TTL, but never past the grant's start plus GRANT_MAX_LIFETIME. */
export function refreshTokenRecord (app: FastifyInstance, grant: UserGrant): RefreshTokenRecord {
  const issuedAt = Math.floor(Date.now() / 1000)
  return {
    grantId: grant.id,
    clientId: grant.clientId,
    userId: grant.userId,
    username: grant.username,
    scopes: [...grant.scopes],
    ...(grant.resources !== undefined && { resources: [...grant.resources] }),
    issuedAt,
    expiresAt: Math.min(issuedAt + app.config.refreshTokenTtl, grant.startedAt + app.config.grantMaxLifetime),
    grantStartedAt: grant.startedAt,
    ...(grant.throughConsent === true && { throughConsent: true }),
    ...(grant.authentication !== undefined && { authentication: grant.authentication })
  }
}

/** Seconds the store keeps a refresh token: until its record expires, and at least one. */
export const refreshTokenTtl = (record: RefreshTokenRecord): number =>
  Math.max(record.expiresAt - Math.floor(Date.now() / 1000), 1)

/**
 * What an access token of the grant holds: `scopes` (by default all the grant's) for the resources the token request
 * names (`requested`, each one of the grant's), or else for the grant's own.
 */
export async function grantTokenTarget (
  app: FastifyInstance, grant: Pick<UserGrant, 'scopes' | 'resources'>, scopes = grant.scopes, requested?: readonly string[]
): Promise<TokenTarget> {
  const catalogue = await app.apis.current()
  return tokenTarget(catalogue, scopes, grantApis(catalogue, grant, requested))
}

/** Issues an access token in the grant (dead at once if a replay revoked the grant meanwhile). */
export async function issueGrantAccessToken (app: FastifyInstance, grant: UserGrant, target?: TokenTarget): Promise<TokenResponse> {
  const { audience, scopes, lifetime } = target ?? await grantTokenTarget(app, grant)
  const { token, expiresIn } = await issueAccessToken(app,
    { subject: grant.userId, clientId: grant.clientId, scopes, username: grant.username, audience, lifetime, grantId: grant.id })
  return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') }
}

/**
 * Adds an id_token to a token response for a grant holding `openid` (`grant.scopes` are those the response's access
 * token holds); `nonce` only on the code exchange (OpenID Connect Core §12.2 leaves it out of refreshed ones).
 */
export async function withIdToken (
  app: FastifyInstance, response: TokenResponse, grant: UserGrant, client: Client, nonce?: string
): Promise<TokenResponse> {
  if (!grant.scopes.includes(OPENID_SCOPE) || grant.authentication === undefined) return response
  const idToken = await issueIdToken(app, {
    client, subject: grant.userId, authentication: grant.authentication, nonce, accessToken: response.access_token
  })
  return { ...response, id_token: idToken }
}

/** An access token, a refresh token when the client may use them, and an id_token for an openid grant just started. */
export async function issueGrantTokens (
  app: FastifyInstance, grant: UserGrant, client: Client,
  { withRefreshToken, nonce, target }: { withRefreshToken: boolean, nonce?: string, target?: TokenTarget }
): Promise<TokenResponse> {
  const response = await issueGrantAccessToken(app, grant, target)
  if (withRefreshToken) {
    const refreshToken = randomToken(32)
    const record = refreshTokenRecord(app, grant)
    await app.stores.refreshTokens.issue(sha256(refreshToken), record, refreshTokenTtl(record))
    response.refresh_token = refreshToken
  }
  return withIdToken(app, response, grant, client, nonce)
}

export async function revokeGrant (app: FastifyInstance, grantId: string): Promise<void> {
  const accessTokens = await app.stores.refreshTokens.revokeGrant(grantId, grantLifetime(app))
  await Promise.all(accessTokens.map((tokenHash) => app.stores.accessTokens.revoke(tokenHash)))
}

export async function revokeUserGrants (app: FastifyInstance, userId: string): Promise<void> {
  const grants = await app.stores.userGrants.take(userId)
  await Promise.all(grants.map((grantId) => revokeGrant(app, grantId)))
}

/** Ends every grant the user gave the client: its refresh tokens fail, its access tokens are revoked and announced. */
export async function revokeUserClientGrants (app: FastifyInstance, userId: string, clientId: string): Promise<void> {
  const grants = await app.stores.userGrants.takeClient(userId, clientId)
  await Promise.all(grants.map((grantId) => revokeGrant(app, grantId)))
}
