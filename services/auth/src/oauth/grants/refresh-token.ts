// grant_type=refresh_token (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a successor and
// kills the token; presenting a dead one again revokes its whole grant. Of two simultaneous uses exactly one
// rotates; the other is that same replay, so the grant is revoked and the winner's new tokens die with it.
import { randomToken, sha256 } from '../../crypto/hash.js'
import { InvalidGrant, InvalidRequest, InvalidScope } from '../errors.js'
import { parseScope } from '../scope.js'
import { issueGrantAccessToken, refreshTokenRecord, revokeGrant } from '../user-grants.js'
import type { Grant } from './grant.js'

const invalidToken = () => new InvalidGrant('the refresh token is invalid, expired or revoked')

/** A token request may narrow the scope of the access token; the grant keeps what the user granted. */
function narrowed (requested: string[] | undefined, granted: string[]): string[] {
  if (requested === undefined) return granted
  const extra = requested.filter((scope) => !granted.includes(scope))
  if (extra.length > 0) throw new InvalidScope(`scope exceeds what was granted: ${extra.join(' ')}`)
  return requested
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
    const scopes = narrowed(parseScope(request.body.scope), record.scopes)

    const grant = { id: record.grantId, clientId: client.id, userId: record.userId, username: record.username, scopes: record.scopes }
    const successor = randomToken(32)
    const rotation = await app.stores.refreshTokens.rotate(tokenHash, sha256(successor), refreshTokenRecord(app, grant), app.config.refreshTokenTtl)
    if (rotation === 'replayed') {
      await revokeGrant(app, record.grantId)
      throw new InvalidGrant('the refresh token was already used; its grant is revoked')
    }
    if (rotation === 'unknown' || !(await app.stores.users.find(record.userId))) throw invalidToken()

    const response = await issueGrantAccessToken(app, { ...grant, scopes })
    return { ...response, refresh_token: successor }
  }
}
