// Guards the account API with our own access tokens (RFC 6750): active, issued for this API (RFC 9068 §4), scope.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AccessTokenClaims } from '@keyhold/contracts'
import { BearerError, BearerRequired } from '@keyhold/service-kit/bearer-challenge'
import { bearerFromHeader } from '@keyhold/service-kit/bearer-header'
import { findActiveAccessToken } from '../oauth/access-tokens.js'

declare module 'fastify' {
  interface FastifyRequest {
    bearer: AccessTokenClaims
  }
}

const REALM = 'keyhold'

export function requireBearer (app: FastifyInstance): void {
  app.decorateRequest('bearer', null as unknown as AccessTokenClaims)
  app.addHook('onRequest', async (request) => {
    const token = bearerFromHeader(request.headers.authorization, REALM)
    // RFC 6750 §3.1: a request with no credentials gets a challenge without an error code.
    if (token === undefined) throw new BearerRequired(REALM)
    // The identity service's audience is its issuer: tokens minted for another API are refused here.
    const claims = await findActiveAccessToken(app, token, { audience: app.config.issuer })
    if (!claims) throw new BearerError(REALM, 401, 'invalid_token', 'the access token is invalid, expired, revoked or not for this API')
    request.bearer = claims
  })
}

/** 403 unless the token has one of `scopes`; the challenge names the first, the one to ask for. */
export function requireScope (request: FastifyRequest, ...scopes: [string, ...string[]]): void {
  const granted = request.bearer.scope.split(' ')
  if (!scopes.some((scope) => granted.includes(scope))) {
    throw new BearerError(REALM, 403, 'insufficient_scope', `the access token lacks the ${scopes.join(' or ')} scope`, scopes[0])
  }
}

/** Only the account's own user may act on it. */
export function requireOwner (request: FastifyRequest, userId: string): void {
  if (request.bearer.sub !== userId) {
    throw new BearerError(REALM, 403, 'insufficient_scope', 'only the account holder may change or delete it')
  }
}
