// Makes sure the identity service knows the resource service's API and the development clients, on every start.
import type { FastifyInstance } from 'fastify'
import {
  TOKEN_EXCHANGE_GRANT, type AdminClientMetadata, type Api, type ApiDefinition, type ApiList, type ClientWithSecret,
  type ExchangePolicyFields, type ExchangePolicyList
} from '@keyhold/contracts'
import type { Credentials } from './secrets.js'

export interface Urls {
  auth: string
  resource: string
  demo: string
  logbook: string
}

export type ClientRole = 'resource' | 'logbook' | 'demo' | 'machine'

/** What the demo asks for when it signs people in: OpenID Connect, their name and email, and the calls API. */
export const DEMO_SCOPE = 'openid email profile calls'

/** The clients a development setup needs: the two APIs', the demo's, and one to try the APIs with. */
export const wantedClients = (urls: Urls): Record<ClientRole, AdminClientMetadata> => ({
  resource: {
    client_name: 'Keyhold resource service (dev)',
    // It reads ships' logs from the logbook API for its callers, with tokens it exchanges theirs for.
    grant_types: ['client_credentials', TOKEN_EXCHANGE_GRANT],
    token_endpoint_auth_method: 'client_secret_basic'
  },
  logbook: {
    client_name: 'Keyhold logbook service (dev)',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic'
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

/** The resource service's API: its identifier is the resource service's AUDIENCE, its scopes those its routes ask for. */
export const resourceApi = (urls: Urls, introspectors: string[] = []): ApiDefinition => ({
  identifier: urls.resource,
  name: 'Keyhold ships and calls',
  scopes: [
    { name: 'ships:read', description: 'See the ship catalogue' },
    { name: 'ships:write', description: 'Add, change and remove ships' },
    { name: 'calls', description: 'Make phone calls and see your calls' }
  ],
  introspectors
})

/** The logbook API: its identifier is the logbook service's AUDIENCE. */
export const logbookApi = (urls: Urls, introspectors: string[] = []): ApiDefinition => ({
  identifier: urls.logbook,
  name: 'Keyhold ships’ logs',
  scopes: [
    { name: 'logbook:read', description: 'Read ships’ logs' },
    { name: 'logbook:write', description: 'Write in ships’ logs' }
  ],
  introspectors
})

/** What the resource service may do with a caller's token: read the logs of the ships the caller may see. */
export const logReadingPolicy = (urls: Urls, resourceClient: string): ExchangePolicyFields => ({
  client_id: resourceClient,
  source_api: urls.resource,
  source_scope: 'ships:read',
  target_api: urls.logbook,
  target_scope: 'logbook:read'
})

/** Adds the exchange policy unless one for the same client, source and target is there; then brings it in line. */
export async function provisionExchangePolicy (identity: FastifyInstance, adminToken: string, policy: ExchangePolicyFields): Promise<void> {
  const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: ExchangePolicyFields) => identity.inject({
    method, url: `/admin${url}`, headers: { authorization: `Bearer ${adminToken}` }, ...(payload && { payload })
  })
  let found: { id: string } | undefined
  for (let after: string | undefined, page: ExchangePolicyList; !found; after = page.next) {
    page = (await admin('GET', `/exchange-policies?limit=100${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`)).json<ExchangePolicyList>()
    found = page.policies.find((existing) => existing.client_id === policy.client_id &&
      existing.source_api === policy.source_api && existing.target_api === policy.target_api)
    if (page.next === undefined) break
  }
  const written = found
    ? await admin('PUT', `/exchange-policies/${encodeURIComponent(found.id)}`, policy)
    : await admin('POST', '/exchange-policies', policy)
  if (written.statusCode !== (found ? 200 : 201)) throw new Error(`adding the exchange policy failed: ${written.body}`)
}

/** Registers the API, or brings the one registered under its identifier in line with it. */
export async function provisionApi (identity: FastifyInstance, adminToken: string, definition: ApiDefinition): Promise<void> {
  const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: ApiDefinition) => identity.inject({
    method, url: `/admin${url}`, headers: { authorization: `Bearer ${adminToken}` }, ...(payload && { payload })
  })
  let found: Api | undefined
  for (let after: string | undefined, page: ApiList; !found; after = page.next) {
    page = (await admin('GET', `/apis?limit=100${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`)).json<ApiList>()
    found = page.apis.find((api) => api.identifier === definition.identifier)
    if (page.next === undefined) break
  }
  const written = found ? await admin('PUT', `/apis/${encodeURIComponent(found.id)}`, definition) : await admin('POST', '/apis', definition)
  if (written.statusCode !== (found ? 200 : 201)) throw new Error(`registering the API ${definition.identifier} failed: ${written.body}`)
}

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
