// GET /api/me: the caller as its token says, for any active token of ours whatever its scope.
import type { FastifyInstance } from 'fastify'
import { Me, errorResponses } from '@keyhold/contracts'

export default async function meRoutes (app: FastifyInstance): Promise<void> {
  app.get('/me', {
    onRequest: app.keyhold.authenticate(),
    schema: { tags: ['me'], summary: 'Who the access token speaks for', security: [{ bearer: [] }], response: { 200: Me, ...errorResponses } }
  }, async (request): Promise<Me> => {
    const { sub, clientId, scope, username } = request.token
    return { sub, client_id: clientId, scope, ...(username !== undefined && { username }) }
  })
}
