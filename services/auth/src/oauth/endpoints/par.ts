// POST /par (RFC 9126): a client pushes its authorization request, checked now, and gets a one-use request_uri.
import type { FastifyInstance } from 'fastify'
import { AuthorizationParameters, PushedAuthorizationRequest, PushedAuthorizationResponse, errorResponses } from '@keyhold/contracts'
import { randomToken, sha256 } from '../../crypto/hash.js'
import { checkAuthorizationParameters, PUSHED_REQUEST_URI_PREFIX, RedirectingError } from '../authorization/request.js'
import { authenticateClient } from '../client-authentication.js'
import { InvalidRequest } from '../../errors.js'

/** Long enough to send the browser on its way, short enough that a leaked request_uri is soon useless. */
export const PUSHED_REQUEST_TTL = 60

type PushedParameter = Exclude<keyof AuthorizationParameters, 'client_id'>

/** Every authorization parameter of the contract but client_id, which the client's authentication names. */
const AUTHORIZATION_PARAMETERS = Object.keys(AuthorizationParameters.properties)
  .filter((name): name is PushedParameter => name !== 'client_id')

export default async function pushedAuthorizationEndpoint (app: FastifyInstance): Promise<void> {
  app.post<{ Body: PushedAuthorizationRequest }>('/par', {
    schema: { body: PushedAuthorizationRequest, response: { 201: PushedAuthorizationResponse, ...errorResponses } }
  }, async (request, reply) => {
    const client = await authenticateClient(app, request, { allowPublic: true })
    if (request.body.request_uri !== undefined) throw new InvalidRequest('request_uri cannot be pushed')
    const parameters = Object.fromEntries(AUTHORIZATION_PARAMETERS
      .filter((name) => request.body[name] !== undefined)
      .map((name) => [name, request.body[name]!]))
    try {
      await checkAuthorizationParameters(app, client, parameters)
    } catch (error) {
      // Here the client itself is answering, so what /authorize would redirect is returned directly.
      throw error instanceof RedirectingError ? error.error : error
    }
    const id = randomToken(32)
    await app.stores.pushedRequests.save(sha256(id), { clientId: client.id, parameters }, PUSHED_REQUEST_TTL)
    return reply.code(201).send({ request_uri: `${PUSHED_REQUEST_URI_PREFIX}${id}`, expires_in: PUSHED_REQUEST_TTL })
  })
}
