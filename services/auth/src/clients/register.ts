// Registers a client and renders clients for the API: shared by the admin API and dynamic registration.
import type { FastifyInstance } from 'fastify'
import type {
  AdminClient, AdminClientMetadata, AdminClientWithSecret, Client as ClientView, ClientInformation, ClientMetadata
} from '@keyhold/contracts'
import { randomToken } from '../crypto/hash.js'
import { credentialOf, type Client, type ClientFields } from './client.js'
import { checkScopesDefined } from './defined-scopes.js'
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
    id_token_signed_response_alg: client.idTokenSigningAlg,
    introspection_signed_response_alg: client.introspectionSigningAlg,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    ...(client.backchannelLogoutUri !== undefined && { backchannel_logout_uri: client.backchannelLogoutUri }),
    backchannel_logout_session_required: client.backchannelLogoutSessionRequired,
    ...(client.jwks !== undefined && { jwks: client.jwks }),
    ...(client.jwksUri !== undefined && { jwks_uri: client.jwksUri }),
    ...(client.assertionSigningAlg !== undefined && { token_endpoint_auth_signing_alg: client.assertionSigningAlg }),
    ...(client.requireSecondFactor && { require_second_factor: true }),
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000)
  }
}

/** The administrator's view: the registered metadata and what only an administrator sets. */
export const toAdminClientView = (client: Client): AdminClient => ({
  ...toClientView(client),
  first_party: client.firstParty
})

async function create (app: FastifyInstance, fields: ClientFields, registrationTokenHash?: string): Promise<{ client: Client, secret?: string }> {
  await checkScopesDefined(app.apis, fields.scopes)
  const secret = credentialOf(fields.authMethod) === 'secret' ? app.clientSecrets.issue() : undefined
  const client = await app.stores.clients.create(randomToken(16), secret?.hash ?? null, fields, registrationTokenHash)
  return { client, ...(secret && { secret: secret.secret }) }
}

const withSecret = (secret: string | undefined) => secret === undefined ? {} : { client_secret: secret, client_secret_expires_at: 0 }

/**
 * A dynamically registered client as RFC 7592 §3 describes it: its metadata, the registration access token that
 * manages it and where. The secret is only ever shown when issued; a confidential client is told that the one it
 * holds never expires.
 */
export function toClientInformation (app: FastifyInstance, client: Client, registrationToken: string, secret?: string): ClientInformation {
  return {
    ...toClientView(client),
    ...(credentialOf(client.authMethod) === 'secret' && { client_secret_expires_at: 0 }),
    ...withSecret(secret),
    registration_access_token: registrationToken,
    registration_client_uri: `${app.config.issuer}/register/${encodeURIComponent(client.id)}`
  }
}

/** Dynamic registration (RFC 7591): plain metadata, never a trusted client; it manages itself with its token (RFC 7592). */
export async function registerClient (app: FastifyInstance, metadata: ClientMetadata): Promise<ClientInformation> {
  const registrationToken = app.registrationTokens.issue()
  const { client, secret } = await create(app, toClientFields(metadata, { byAdmin: false }), registrationToken.hash)
  return toClientInformation(app, client, registrationToken.secret, secret)
}

export async function registerClientByAdmin (app: FastifyInstance, metadata: AdminClientMetadata): Promise<AdminClientWithSecret> {
  const { client, secret } = await create(app, toClientFields(metadata, { byAdmin: true }))
  return { ...toAdminClientView(client), ...withSecret(secret) }
}
