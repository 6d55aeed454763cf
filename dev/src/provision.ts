// Makes sure the identity service knows the development clients, on every start.
import type { FastifyInstance } from 'fastify'
import type { AdminClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import type { Credentials } from './secrets.js'

export interface Urls {
  auth: string
  resource: string
  demo: string
}

export type ClientRole = 'resource' | 'demo' | 'machine'

/** What the demo asks for when it signs people in: OpenID Connect, their name and email, and the calls API. */
export const DEMO_SCOPE = 'openid email profile calls'

/** The clients a development setup needs: the resource service's, the demo's, and one to try the APIs with. */
export const wantedClients = (urls: Urls): Record<ClientRole, AdminClientMetadata> => ({
  resource: {
    client_name: 'Keyhold resource service (dev)',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    // It answers to this audience, and introspects the tokens issued for it.
    introspection_audiences: [urls.resource]
  },
  demo: {
    client_name: 'Keyhold demo (dev)',
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: [`${urls.demo}/callback`],
    // Where the demo comes back to after signing out at the identity service, and where it hears of sessions ended there.
    post_logout_redirect_uris: [`${urls.demo}/`],
    backchannel_logout_uri: `${urls.demo}/backchannel-logout`,
    scope: `${DEMO_SCOPE} ships:read`,
    token_endpoint_auth_method: 'client_secret_basic'
  },
  machine: {
    client_name: 'Keyhold machine client (dev)',
    grant_types: ['client_credentials'],
    scope: 'ships:read ships:write',
    token_endpoint_auth_method: 'client_secret_basic'
  }
})

/**
 * The client's credentials: those known from an earlier start, its metadata brought in line with what is wanted,
 * or, when the identity service no longer knows it (its data was deleted), a newly registered client.
 */
export async function provisionClient (
  identity: FastifyInstance, adminToken: string, metadata: AdminClientMetadata, known: Credentials | undefined
): Promise<Credentials> {
  const admin = (method: 'POST' | 'PUT', url: string) => identity.inject({
    method, url: `/admin${url}`, headers: { authorization: `Bearer ${adminToken}` }, payload: metadata
  })
  if (known) {
    const updated = await admin('PUT', `/clients/${encodeURIComponent(known.id)}`)
    if (updated.statusCode === 200) return known
    if (updated.statusCode !== 404) throw new Error(`updating client ${known.id} failed: ${updated.body}`)
  }
  const created = await admin('POST', '/clients')
  if (created.statusCode !== 201) throw new Error(`registering ${metadata.client_name} failed: ${created.body}`)
  const client = created.json<ClientWithSecret>()
  return { id: client.client_id, secret: client.client_secret! }
}
