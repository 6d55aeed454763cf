// grant_type=password (RFC 6749 §4.3), deprecated by RFC 9700 §2.4: only for first-party clients an
// administrator flagged for it, with the same throttling as the sign-in form. It carries no second factor: refused to
// a client that requires one (or when every sign-in does), and to an account that has one.
import { InvalidGrant, InvalidRequest, UnauthorizedClient } from '../../errors.js'
import { secondFactorsOf } from '../../factors/second-factors.js'
import { OFFLINE_ACCESS_SCOPE } from '../../identity-scopes.js'
import { clientScopes, parseScope } from '../scope.js'
import { grantedScopes, requestedApis } from '../targets.js'
import { passwordAuthentication } from '../id-tokens.js'
import { issueGrantTokens, startGrant } from '../user-grants.js'
import { canRefresh } from './authorization-code.js'
import type { Grant } from './grant.js'

export const password: Grant = {
  type: 'password',
  allowsPublicClients: true,
  async handle (app, request, client, { checkCredentials }) {
    const { username, password } = request.body
    if (username === undefined || password === undefined) throw new InvalidRequest('username and password are required')
    if (app.config.secondFactor.required || client.requireSecondFactor) {
      throw new UnauthorizedClient('sign-in needs a second factor, which the password grant cannot carry: use the authorization code flow')
    }
    // offline_access is for grants the user gives on the consent page (OpenID Connect Core §11), never this one.
    const catalogue = await app.apis.current()
    const allowed = clientScopes(client, { forUser: true })
    const apis = requestedApis(catalogue, request.body.resource, allowed)
    const scopes = grantedScopes(catalogue, parseScope(request.body.scope), allowed, apis)
      .filter((scope) => scope !== OFFLINE_ACCESS_SCOPE)
    const user = await checkCredentials(app, username, password, request.ip)
    if (!user) throw new InvalidGrant('the username or password is incorrect')
    if ((await secondFactorsOf(app, user)).length > 0) {
      throw new InvalidGrant('the account signs in with a second factor, which the password grant cannot carry: use the authorization code flow')
    }
    const grant = await startGrant(app, {
      clientId: client.id,
      userId: user.id,
      username: user.username,
      scopes,
      ...(apis !== undefined && { resources: apis.map((api) => api.identifier) }),
      authentication: passwordAuthentication()
    })
    return issueGrantTokens(app, grant, client, { withRefreshToken: canRefresh(client) })
  }
}
