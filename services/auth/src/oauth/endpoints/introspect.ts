// POST /introspect (RFC 7662): for authenticated clients; anything not active is exactly {"active":false}.
// Refresh tokens are described only to the client they were issued to.
import type { FastifyInstance } from 'fastify'
import { IntrospectionRequest, IntrospectionResponse } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'
import { sha256 } from '../../crypto/hash.js'
import { findActiveAccessToken } from '../access-tokens.js'
import { authenticateClient } from '../client-authentication.js'
import { errorResponses } from '../responses.js'

const INACTIVE = { active: false } as const

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
  app.post<{ Body: IntrospectionRequest }>('/introspect', {
    schema: { body: IntrospectionRequest, response: { 200: IntrospectionResponse, ...errorResponses } }
  }, async (request): Promise<IntrospectionResponse> => {
    const caller = await authenticateClient(app, request, { allowPublic: false })
    const claims = await findActiveAccessToken(app, request.body.token)
    if (!claims) return describeRefreshToken(app, caller, request.body.token)
    if (!(await app.stores.clients.find(claims.client_id))) return INACTIVE
    return { active: true, token_type: 'Bearer', ...claims }
  })
}
