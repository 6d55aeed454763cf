// grant_type=client_credentials (RFC 6749 §4.4): a confidential client acting on its own behalf.
import { issueClientAccessToken } from '../client-tokens.js'
import { clientScopes, parseScope } from '../scope.js'
import { grantedScopes, requestedApis, tokenTarget } from '../targets.js'
import type { Grant } from './grant.js'

export const clientCredentials: Grant = {
  type: 'client_credentials',
  allowsPublicClients: false,
  async handle (app, request, client) {
    const catalogue = await app.apis.current()
    const allowed = clientScopes(client, { forUser: false })
    const apis = requestedApis(catalogue, request.body.resource, allowed)
    const target = tokenTarget(catalogue, grantedScopes(catalogue, parseScope(request.body.scope), allowed, apis), apis)
    const { token, expiresIn } = await issueClientAccessToken(app, client.id, target)
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: target.scopes.join(' ') }
  }
}
