// GET /jwks.json: the public keys of every access token that may still be alive.
import type { FastifyInstance } from 'fastify'
import { JwkSet, errorResponses } from '@keyhold/contracts'

export default async function jwksEndpoint (app: FastifyInstance): Promise<void> {
  app.get('/jwks.json', {
    schema: { response: { 200: JwkSet, ...errorResponses } }
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60')
    return app.signing.jwks()
  })
}
