// grant_type=refresh_token (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a successor and
// kills the token; presenting a dead one again revokes its whole grant. Of two simultaneous uses exactly one
// rotates; the other is that same replay, so the grant is revoked and the winner's new tokens die with it.
// A refresh issues only what the grant holds that the client may still have and, for a grant the user gave on
// the consent page, that the user's consent still covers; the successor keeps the grant's whole scope, so an
// administrator's cut is undone when the cut is. When nothing is left the grant no longer authorizes anything:
// that is invalid_grant (RFC 6749 §5.2, "revoked"), not invalid_scope, which would ask the client to change
// a request it could not make valid. A `resource` (RFC 8707) narrows the access token to some of the grant's APIs,
// with the grant's scopes of them; the successor keeps them all.
import { randomToken, sha256 } from '../../crypto/hash.js'
import { InvalidGrant, InvalidRequest, InvalidScope } from '../../errors.js'
import { clientScopes, parseScope } from '../scope.js'
import type { FastifyInstance } from 'fastify'
import type { Client } from '../../clients/client.js'
import type { RefreshTokenRecord } from '../../storage/types.js'
import { grantTokenTarget, issueGrantAccessToken, refreshTokenRecord, refreshTokenTtl, revokeGrant, withIdToken } from '../user-grants.js'
import type { Grant } from './grant.js'

const invalidToken = () => new InvalidGrant('the refresh token is invalid, expired or revoked')

/** A token request may narrow the scope of the access token; the grant keeps what the user granted. */
function narrowed (requested: string[] | undefined, granted: string[]): string[] {
  if (requested === undefined) return granted
  const extra = requested.filter((scope) => !granted.includes(scope))
  if (extra.length > 0) throw new InvalidScope('the requested scope exceeds what was granted')
  return requested
}

/**
 * Of `scopes`, those the client may still have for a user (`account` only while it is first-party) and, for a
 * consented grant, that the user still grants it.
 */
async function stillGranted (app: FastifyInstance, record: RefreshTokenRecord, client: Client, scopes: string[]): Promise<string[]> {
  const allowed = clientScopes(client, { forUser: true })
  const consented = record.throughConsent === true ? await app.stores.consents.granted(record.userId, client.id) ?? [] : undefined
  return scopes.filter((scope) => allowed.includes(scope) && (consented === undefined || consented.includes(scope)))
}

export const refreshToken: Grant = {
  type: 'refresh_token',
  allowsPublicClients: true,
  async handle (app, request, client) {
    const presented = request.body.refresh_token
    if (presented === undefined) throw new InvalidRequest("missing parameter 'refresh_token'")
    const tokenHash = sha256(presented)
    const record = await app.stores.refreshTokens.find(tokenHash)
    if (!record || record.clientId !== client.id || record.expiresAt <= Date.now() / 1000) throw invalidToken()
    const requested = narrowed(parseScope(request.body.scope), record.scopes)
    const scopes = await stillGranted(app, record, client, requested)
    if (scopes.length === 0 && requested.length > 0) throw new InvalidGrant('nothing this grant holds is still allowed for the client')
    // Checked before rotation, so that a request for a resource outside the grant leaves the refresh token usable.
    const target = await grantTokenTarget(app, record, scopes, request.body.resource)

    const grant = {
      id: record.grantId,
      clientId: client.id,
      userId: record.userId,
      username: record.username,
      scopes: record.scopes,
      ...(record.resources !== undefined && { resources: record.resources }),
      startedAt: record.grantStartedAt ?? record.issuedAt,
      ...(record.throughConsent === true && { throughConsent: true }),
      ...(record.authentication !== undefined && { authentication: record.authentication })
    }
    const successor = randomToken(32)
    const successorRecord = refreshTokenRecord(app, grant)
    const rotation = await app.stores.refreshTokens.rotate(tokenHash, sha256(successor), successorRecord, refreshTokenTtl(successorRecord))
    if (rotation === 'replayed') {
      await revokeGrant(app, record.grantId)
      throw new InvalidGrant('the refresh token was already used; its grant is revoked')
    }
    if (rotation === 'unknown' || !(await app.stores.users.find(record.userId))) throw invalidToken()

    const response = await issueGrantAccessToken(app, { ...grant, scopes }, target)
    return withIdToken(app, { ...response, refresh_token: successor }, { ...grant, scopes }, client)
  }
}
