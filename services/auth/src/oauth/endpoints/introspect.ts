// POST /introspect (RFC 7662): for authenticated clients; anything not active, or not the caller's to see, is
// exactly {"active":false} (§4, RFC 9700 §4.10). An access token is described to its own client and to the
// introspectors of an API its `aud` names; a refresh token only to the client it was issued to.
import type { FastifyInstance } from 'fastify'
import { IntrospectionRequest, IntrospectionResponse, type AccessTokenClaims, errorResponses } from '@keyhold/contracts'
import { mayIntrospect } from '../../apis/api.js'
import type { ApiCatalogue } from '../../apis/catalogue.js'
import type { Client } from '../../clients/client.js'
import { sha256 } from '../../crypto/hash.js'
import { findActiveAccessToken } from '../access-tokens.js'
import { authenticateClient } from '../client-authentication.js'
import { signIntrospectionWhenAsked } from '../introspection-jwt.js'

const INACTIVE = { active: false } as const

function maySee (catalogue: ApiCatalogue, caller: Client, claims: AccessTokenClaims): boolean {
  if (claims.client_id === caller.id) return true
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  return audiences.some((identifier) => {
    const api = catalogue.find(identifier)
    return api !== undefined && mayIntrospect(caller, api)
  })
}

async function describeRefreshToken (app: FastifyInstance, caller: Client, token: string): Promise<IntrospectionResponse> {
  const record = await app.stores.refreshTokens.find(sha256(token))
  if (!record || record.rotated || record.clientId !== caller.id || record.expiresAt <= Date.now() / 1000) return INACTIVE
  return {
    active: true,
    token_type: 'refresh_token',
    iss: app.config.issuer,
    sub: record.userId,
    client_id: record.clientId,
    scope: record.scopes.join(' '),
    iat: record.issuedAt,
    exp: record.expiresAt,
    username: record.username
  }
}

export default async function introspectionEndpoint (app: FastifyInstance): Promise<void> {
  await signIntrospectionWhenAsked(app)
  app.post<{ Body: IntrospectionRequest }>('/introspect', {
    schema: { body: IntrospectionRequest, response: { 200: IntrospectionResponse, ...errorResponses } }
  }, async (request): Promise<IntrospectionResponse> => {
    const caller = await authenticateClient(app, request, { allowPublic: false })
    const claims = await findActiveAccessToken(app, request.body.token)
    if (!claims) return describeRefreshToken(app, caller, request.body.token)
    return maySee(await app.apis.current(), caller, claims) ? { active: true, token_type: 'Bearer', ...claims } : INACTIVE
  })
}
