// Registers a client and renders clients for the API: shared by the admin API and dynamic registration.
import type { FastifyInstance } from 'fastify'
import type { Client as ClientView, ClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { randomToken } from '../crypto/hash.js'
import type { Client } from './client.js'
import { toClientFields } from './metadata.js'

export function toClientView (client: Client): ClientView {
  return {
    client_id: client.id,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    grant_types: client.grantTypes,
    response_types: client.responseTypes,
    scope: client.scopes.join(' '),
    token_endpoint_auth_method: client.authMethod,
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000)
  }
}

export async function registerClient (app: FastifyInstance, metadata: ClientMetadata, by: { byAdmin: boolean }): Promise<ClientWithSecret> {
  const fields = toClientFields(metadata, by)
  const secret = fields.authMethod === 'none' ? undefined : app.clientSecrets.issue()
  const client = await app.stores.clients.create(randomToken(16), secret?.hash ?? null, fields)
  return {
    ...toClientView(client),
    ...(secret && { client_secret: secret.secret, client_secret_expires_at: 0 })
  }
}
