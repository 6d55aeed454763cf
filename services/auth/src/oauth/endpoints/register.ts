// POST /register (RFC 7591): open dynamic client registration, when the configuration enables it.
import type { FastifyInstance } from 'fastify'
import { ClientMetadata, ClientWithSecret, errorResponses } from '@keyhold/contracts'
import { registerClient } from '../../clients/register.js'
import { noStore } from '../form-endpoint.js'

export default async function registrationEndpoint (app: FastifyInstance): Promise<void> {
  app.post<{ Body: ClientMetadata }>('/register', {
    onRequest: noStore,
    schema: { body: ClientMetadata, response: { 201: ClientWithSecret, ...errorResponses } }
  }, async (request, reply) => {
    const client = await registerClient(app, request.body)
    return reply.code(201).send(client)
  })
}
