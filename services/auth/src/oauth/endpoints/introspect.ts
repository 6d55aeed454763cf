// POST /introspect (RFC 7662): for authenticated clients; anything not active is exactly {"active":false}.
import type { FastifyInstance } from 'fastify'
import { IntrospectionRequest, IntrospectionResponse } from '@keyhold/contracts'
import { findActiveAccessToken } from '../access-tokens.js'
import { authenticateClient } from '../client-authentication.js'
import { errorResponses } from '../responses.js'

export default async function introspectionEndpoint (app: FastifyInstance): Promise<void> {
  app.post<{ Body: IntrospectionRequest }>('/introspect', {
    schema: { body: IntrospectionRequest, response: { 200: IntrospectionResponse, ...errorResponses } }
  }, async (request): Promise<IntrospectionResponse> => {
    await authenticateClient(app, request, { allowPublic: false })
    const claims = await findActiveAccessToken(app, request.body.token)
    if (!claims || !(await app.stores.clients.find(claims.client_id))) return { active: false }
    return { active: true, token_type: 'Bearer', ...claims }
  })
}
