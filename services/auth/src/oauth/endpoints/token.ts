// POST /token (RFC 6749 §3.2): authenticates the client and hands the request to its grant.
import type { FastifyInstance } from 'fastify'
import { TokenRequest, TokenResponse, errorResponses } from '@keyhold/contracts'
import { authenticateClient } from '../client-authentication.js'
import { UnauthorizedClient, UnsupportedGrantType } from '../../errors.js'
import type { GrantContext } from '../grants/grant.js'
import { grants } from '../grants/index.js'

export default async function tokenEndpoint (app: FastifyInstance, context: GrantContext): Promise<void> {
  app.post<{ Body: TokenRequest }>('/token', {
    schema: { body: TokenRequest, response: { 200: TokenResponse, ...errorResponses } }
  }, async (request) => {
    const grant = grants.get(request.body.grant_type)
    if (!grant) throw new UnsupportedGrantType('the grant_type is not one this server supports')
    const client = await authenticateClient(app, request, { allowPublic: grant.allowsPublicClients })
    if (!client.grantTypes.includes(grant.type)) {
      throw new UnauthorizedClient(`client is not allowed the ${grant.type} grant`)
    }
    return grant.handle(app, request, client, context)
  })
}
