// POST /register (RFC 7591): open dynamic client registration, when the configuration enables it. The answer carries
// the client's registration access token and configuration endpoint (RFC 7592 §3).
import type { FastifyError, FastifyInstance } from 'fastify'
import { ClientInformation, ClientMetadata, errorResponses } from '@keyhold/contracts'
import { registerClient } from '../../clients/register.js'
import { InvalidClientMetadata, InvalidRedirectUri, type OAuthError } from '../../errors.js'
import { toOAuthError } from '../../plugins/error-handler.js'
import { noStore } from '../form-endpoint.js'

/**
 * A metadata value the schema refuses is invalid_redirect_uri for redirect_uris and invalid_client_metadata for any
 * other (RFC 7591 §3.2.2), described as every validation failure is: by its field, never its value.
 */
export function refusedMetadata (error: FastifyError): OAuthError {
  const description = toOAuthError(error)?.description
  return error.validation?.[0]?.instancePath.startsWith('/redirect_uris')
    ? new InvalidRedirectUri(description)
    : new InvalidClientMetadata(description)
}

export default async function registrationEndpoint (app: FastifyInstance): Promise<void> {
  app.post<{ Body: ClientMetadata }>('/register', {
    onRequest: noStore,
    attachValidation: true,
    schema: { body: ClientMetadata, response: { 201: ClientInformation, ...errorResponses } }
  }, async (request, reply) => {
    // Fastify's type for it leaves out the `code` it sets, as on any validation failure.
    if (request.validationError) throw refusedMetadata(request.validationError as FastifyError)
    const client = await registerClient(app, request.body)
    return reply.code(201).send(client)
  })
}
