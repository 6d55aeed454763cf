// Dynamic registration and the client configuration endpoint, as a registered client calls them.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { ClientInformation } from '@keyhold/contracts'

export const WEB_APP = {
  client_name: 'Ship Tracker',
  grant_types: ['authorization_code', 'refresh_token'],
  redirect_uris: ['https://tracker.example/callback'],
  scope: 'openid ships:read'
}

export const SERVICE = { client_name: 'inventory-sync', grant_types: ['client_credentials'], scope: 'ships:read' }

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export async function register (app: FastifyInstance, metadata: object = WEB_APP): Promise<ClientInformation> {
  const response = await app.inject({ method: 'POST', url: '/register', payload: metadata })
  if (response.statusCode !== 201) throw new Error(`registration failed: ${response.body}`)
  return response.json()
}

/** The path of a client's configuration endpoint, from the URL it was given. */
export const configurationPath = (client: ClientInformation): string => new URL(client.registration_client_uri).pathname

export function configure (
  app: FastifyInstance, method: 'GET' | 'PUT' | 'DELETE', client: ClientInformation, token: string, payload?: object
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url: configurationPath(client), headers: bearer(token), ...(payload && { payload }) })
}

/** The metadata a client sends back on update: what it was told, without what the server sets. */
export function metadataOf (client: ClientInformation): Record<string, unknown> {
  const {
    registration_access_token: _token, registration_client_uri: _uri, client_secret_expires_at: _expires,
    client_id_issued_at: _issued, client_secret: _secret, ...metadata
  } = client
  return metadata
}
