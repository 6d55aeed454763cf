// grant_type=client_credentials (RFC 6749 §4.4): a confidential client acting on its own behalf.
import { issueClientAccessToken } from '../client-tokens.js'
import { clientScopes, grantableScopes, parseScope } from '../scope.js'
import type { Grant } from './grant.js'

export const clientCredentials: Grant = {
  type: 'client_credentials',
  allowsPublicClients: false,
  async handle (app, request, client) {
    const scopes = grantableScopes(parseScope(request.body.scope), clientScopes(client, { forUser: false }))
    const { token, expiresIn } = await issueClientAccessToken(app, client.id, scopes)
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: scopes.join(' ') }
  }
}
