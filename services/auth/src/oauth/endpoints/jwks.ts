// GET /jwks.json: the public keys of every access token that may still be alive.
import type { FastifyInstance } from 'fastify'
import { JwkSet, errorResponses } from '@keyhold/contracts'
import { publicDocumentPreflights, READABLE_ANYWHERE } from '../cors/public-documents.js'

export default async function jwksEndpoint (app: FastifyInstance): Promise<void> {
  app.get('/jwks.json', {
    config: { cors: READABLE_ANYWHERE },
    schema: { response: { 200: JwkSet, ...errorResponses } }
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60')
    return app.signing.jwks()
  })
  publicDocumentPreflights(app, '/jwks.json')
}
