// GET and POST /userinfo (OpenID Connect Core §5.3): the claims of the token's user that its scopes release. The token
// must be active, hold openid, and be for this issuer's API; failures are RFC 6750 challenges.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { errorResponses, UserinfoForm, UserinfoResponse } from '@keyhold/contracts'
import { BearerError, BearerRequired } from '@keyhold/service-kit/bearer-challenge'
import { bearerFromHeader } from '@keyhold/service-kit/bearer-header'
import { OPENID_SCOPE } from '../../identity-scopes.js'
import { userClaims } from '../../oidc/claims.js'
import { findActiveAccessToken } from '../access-tokens.js'
import { recordCaller } from '../caller.js'

const REALM = 'userinfo'

const invalidToken = () => new BearerError(REALM, 401, 'invalid_token', 'the access token is invalid, expired, revoked or not for userinfo')

/** The token from the header or, for POST, the form body: never both (RFC 6750 §2). */
function presentedToken (request: FastifyRequest<{ Body: UserinfoForm | undefined }>): string {
  const fromHeader = bearerFromHeader(request.headers.authorization, REALM)
  const fromBody = request.body?.access_token
  if (fromHeader !== undefined && fromBody !== undefined) {
    throw new BearerError(REALM, 400, 'invalid_request', 'the access token was sent in more than one way')
  }
  const token = fromHeader ?? fromBody
  if (token === undefined) throw new BearerRequired(REALM)
  return token
}

export default async function userinfoEndpoint (app: FastifyInstance): Promise<void> {
  const handler = async (request: FastifyRequest<{ Body: UserinfoForm | undefined }>): Promise<UserinfoResponse> => {
    // Userinfo is part of this issuer's API: a token for another audience is refused.
    const claims = await findActiveAccessToken(app, presentedToken(request), { audience: app.config.issuer })
    if (!claims) throw invalidToken()
    // The token's client is the caller: its pages may read the claims, or why they are refused. The lookup is the
    // one findActiveAccessToken just made, answered from the client cache.
    const client = await app.stores.clients.find(claims.client_id)
    if (client) recordCaller(request, client)
    const scopes = claims.scope.split(' ')
    if (!scopes.includes(OPENID_SCOPE)) {
      throw new BearerError(REALM, 403, 'insufficient_scope', 'the access token lacks the openid scope', OPENID_SCOPE)
    }
    // A client's own token (client_credentials) names no user.
    const user = await app.stores.users.find(claims.sub)
    if (!user) throw invalidToken()
    return { sub: user.id, ...userClaims(user, scopes) }
  }
  const schema = { response: { 200: UserinfoResponse, ...errorResponses } }
  app.get('/userinfo', { schema }, handler)
  app.post<{ Body: UserinfoForm | undefined }>('/userinfo', {
    schema: { ...schema, body: UserinfoForm },
    // A POST with the token in its header may have no body at all.
    preValidation: async (request) => { request.body ??= {} }
  }, handler)
}
