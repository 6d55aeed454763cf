// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5). Every check that can fail for a mere
// attacker (client, redirect_uri, PKCE) runs before redemption, so only a redemption by the real client
// with the real verifier can count as a replay and revoke what the code gave.
import type { Client } from '../../clients/client.js'
import { randomToken, sha256 } from '../../crypto/hash.js'
import type { AuthorizationCodeRecord } from '../../storage/types.js'
import { checkCodeVerifier } from '../checks/pkce.js'
import { InvalidGrant, InvalidRequest } from '../../errors.js'
import { grantTokenTarget, issueGrantTokens, revokeGrant, startGrant } from '../user-grants.js'
import type { Grant } from './grant.js'

const invalidCode = () => new InvalidGrant('the authorization code is invalid or expired')

function checkRedirectUri (record: AuthorizationCodeRecord, redirectUri: string | undefined): void {
  if (redirectUri === undefined ? record.redirectUriGiven : redirectUri !== record.redirectUri) {
    throw new InvalidGrant('redirect_uri does not match the authorization request')
  }
}

export const canRefresh = (client: Client): boolean => client.grantTypes.includes('refresh_token')

export const authorizationCode: Grant = {
  type: 'authorization_code',
  allowsPublicClients: true,
  async handle (app, request, client) {
    const { code, redirect_uri: redirectUri, code_verifier: verifier } = request.body
    if (code === undefined) throw new InvalidRequest("missing parameter 'code'")
    const codeHash = sha256(code)
    const record = await app.stores.authorizationCodes.find(codeHash)
    if (!record || record.clientId !== client.id) throw invalidCode()
    checkRedirectUri(record, redirectUri)
    checkCodeVerifier(record.codeChallenge, verifier)
    // A resource outside the grant is refused before the code is used up, so that the client may ask again.
    const target = await grantTokenTarget(app, record, record.scopes, request.body.resource)

    const grantId = randomToken(16)
    const redemption = await app.stores.authorizationCodes.redeem(codeHash, grantId)
    if (redemption.outcome === 'replayed') {
      await revokeGrant(app, redemption.grantId)
      throw new InvalidGrant('the authorization code was already used; the tokens issued for it are revoked')
    }
    if (redemption.outcome === 'unknown' || !(await app.stores.users.find(record.userId))) throw invalidCode()

    const grant = await startGrant(app, {
      clientId: client.id,
      userId: record.userId,
      username: record.username,
      scopes: record.scopes,
      ...(record.resources !== undefined && { resources: record.resources }),
      throughConsent: true,
      ...(record.authentication !== undefined && { authentication: record.authentication })
    }, grantId)
    return issueGrantTokens(app, grant, client, { withRefreshToken: canRefresh(client), target, ...(record.nonce !== undefined && { nonce: record.nonce }) })
  }
}
