// GET, PUT and DELETE /register/:clientId (RFC 7592): a dynamically registered client reads, replaces and deletes its
// registration with its registration access token. Clients an administrator created have no token: the admin API
// manages them, and here they answer as unknown clients do.
import type { FastifyError, FastifyInstance } from 'fastify'
import { ClientIdParams, ClientInformation, ClientUpdate, errorResponses } from '@keyhold/contracts'
import { toClientInformation } from '../../clients/register.js'
import { OAuthError } from '../../errors.js'
import { deleteClient } from '../client-tokens.js'
import { noStore } from '../form-endpoint.js'
import { invalidRegistrationToken, requireRegistrationToken } from '../registration/access-token.js'
import { updateRegisteredClient } from '../registration/update.js'
import { refusedMetadata } from './register.js'

const PATH = '/register/:clientId'

class NotAConfigurationMethod extends OAuthError {
  constructor () {
    super(405, 'invalid_request', 'the client configuration endpoint accepts GET, PUT and DELETE')
    this.withHeader('allow', 'GET, PUT, DELETE')
  }
}

export default async function clientConfigurationEndpoint (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', noStore)
  app.route({ method: ['POST', 'PATCH'], url: PATH, handler: async () => { throw new NotAConfigurationMethod() } })

  await app.register(async (guarded) => {
    requireRegistrationToken(guarded)

    guarded.get<{ Params: ClientIdParams }>(PATH, {
      schema: { params: ClientIdParams, response: { 200: ClientInformation, ...errorResponses } }
    }, async (request) => {
      const client = await app.stores.clients.find(request.registration.clientId)
      if (!client) throw invalidRegistrationToken()
      // RFC 7592 §3 asks for the token in every answer: the one presented, which is all the caller knows anyway.
      return toClientInformation(app, client, request.registration.token)
    })

    guarded.put<{ Params: ClientIdParams, Body: ClientUpdate }>(PATH, {
      attachValidation: true,
      schema: { params: ClientIdParams, body: ClientUpdate, response: { 200: ClientInformation, ...errorResponses } }
    }, async (request) => {
      // Fastify's type for it leaves out the `code` it sets, as on any validation failure.
      if (request.validationError) throw refusedMetadata(request.validationError as FastifyError)
      return updateRegisteredClient(app, request, request.body)
    })

    guarded.delete<{ Params: ClientIdParams }>(PATH, {
      schema: { params: ClientIdParams, response: errorResponses }
    }, async (request, reply) => {
      // Gone already (a deletion that won a race): the token went with it.
      if (!(await deleteClient(app, request.registration.clientId))) throw invalidRegistrationToken()
      return reply.code(204).send()
    })
  })
}
