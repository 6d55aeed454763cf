// POST /revoke (RFC 7009): 200 whatever the token; only the client it was issued to can revoke it.
import type { FastifyInstance } from 'fastify'
import { RevocationRequest } from '@keyhold/contracts'
import { sha256 } from '../../crypto/hash.js'
import { authenticateClient } from '../client-authentication.js'
import { errorResponses } from '../responses.js'

export default async function revocationEndpoint (app: FastifyInstance): Promise<void> {
  app.post<{ Body: RevocationRequest }>('/revoke', {
    schema: { body: RevocationRequest, response: errorResponses }
  }, async (request, reply) => {
    const client = await authenticateClient(app, request, { allowPublic: true })
    const tokenHash = sha256(request.body.token)
    const claims = await app.stores.accessTokens.find(tokenHash)
    if (claims?.client_id === client.id) await app.stores.accessTokens.revoke(tokenHash)
    return reply.code(200).send()
  })
}
