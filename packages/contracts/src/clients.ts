// Client registration (RFC 7591 field names), used by the admin API and dynamic registration alike.
import Type, { type Static } from 'typebox'
import { ScopeString } from './scope.js'

export const GrantType = Type.Union([
  Type.Literal('authorization_code'),
  Type.Literal('refresh_token'),
  Type.Literal('client_credentials'),
  Type.Literal('password'),
  Type.Literal('implicit'),
  /** RFC 8693: a confidential client trades a user's token for one to another API; only an administrator allows it. */
  Type.Literal('urn:ietf:params:oauth:grant-type:token-exchange')
])
export type GrantType = Static<typeof GrantType>

/** `id_token` and `id_token token` (OpenID Connect implicit) only for clients flagged for the implicit grant. */
export const ResponseType = Type.Union([
  Type.Literal('code'), Type.Literal('token'), Type.Literal('id_token'), Type.Literal('id_token token')
])
export type ResponseType = Static<typeof ResponseType>

/** How id_tokens are signed for the client (OpenID Connect Registration §2): RS256 unless it registers ES256. */
export const IdTokenSigningAlg = Type.Union([Type.Literal('RS256'), Type.Literal('ES256')])
export type IdTokenSigningAlg = Static<typeof IdTokenSigningAlg>

/** How introspection answers asked for as JWTs are signed for the client (RFC 9701 §6): RS256 unless it registers ES256. */
export const IntrospectionSigningAlg = Type.Union([Type.Literal('RS256'), Type.Literal('ES256')])
export type IntrospectionSigningAlg = Static<typeof IntrospectionSigningAlg>

export const TokenEndpointAuthMethod = Type.Union([
  Type.Literal('client_secret_basic'),
  Type.Literal('client_secret_post'),
  /** A JWT the client signs with its private key (RFC 7523 §2.2, OpenID Connect Core §9); it has no secret. */
  Type.Literal('private_key_jwt'),
  Type.Literal('none')
])
export type TokenEndpointAuthMethod = Static<typeof TokenEndpointAuthMethod>

/** How a private_key_jwt client may sign its assertions: asymmetric algorithms only. */
export const ClientAssertionSigningAlg = Type.Union([
  Type.Literal('RS256'), Type.Literal('PS256'), Type.Literal('ES256'), Type.Literal('EdDSA')
])
export type ClientAssertionSigningAlg = Static<typeof ClientAssertionSigningAlg>

/** A JWK (RFC 7517 §4) a client registers; which members and key types it may have, the identity service decides. */
export const RegisteredJwk = Type.Object({ kty: Type.String({ maxLength: 10 }) }, { additionalProperties: true })
export type RegisteredJwk = Static<typeof RegisteredJwk>

/** A client's public keys, by value (RFC 7591 §2 `jwks`). */
export const ClientJwks = Type.Object({ keys: Type.Array(RegisteredJwk, { minItems: 1, maxItems: 10 }) })
export type ClientJwks = Static<typeof ClientJwks>

export const ClientMetadata = Type.Object({
  client_name: Type.String({ minLength: 1, maxLength: 200 }),
  redirect_uris: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 20 })),
  grant_types: Type.Optional(Type.Array(GrantType, { minItems: 1, uniqueItems: true })),
  response_types: Type.Optional(Type.Array(ResponseType, { uniqueItems: true })),
  scope: Type.Optional(ScopeString),
  token_endpoint_auth_method: Type.Optional(TokenEndpointAuthMethod),
  id_token_signed_response_alg: Type.Optional(IdTokenSigningAlg),
  introspection_signed_response_alg: Type.Optional(IntrospectionSigningAlg),
  /** Where RP-initiated logout may return the browser (OpenID Connect RP-Initiated Logout §3.1). */
  post_logout_redirect_uris: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 20 })),
  /** Where logout tokens are posted when a session the client took part in ends (Back-Channel Logout §2.2). */
  backchannel_logout_uri: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  backchannel_logout_session_required: Type.Optional(Type.Boolean()),
  /** The keys of a private_key_jwt client, by value or by reference (RFC 7591 §2); never both. */
  jwks: Type.Optional(ClientJwks),
  jwks_uri: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  token_endpoint_auth_signing_alg: Type.Optional(ClientAssertionSigningAlg),
  /** Users sign in to the client with a second factor; the password grant is refused to it. */
  require_second_factor: Type.Optional(Type.Boolean())
})
export type ClientMetadata = Static<typeof ClientMetadata>

/** What only an administrator decides about a client: never part of dynamic registration. */
export const ClientTrust = Type.Object({
  /** The client is the operator's own: it may hold the identity service's `account` scope. */
  first_party: Type.Optional(Type.Boolean())
})
export type ClientTrust = Static<typeof ClientTrust>

/** The admin API's client body: unknown properties are refused there, where a typo would silently drop a setting. */
export const AdminClientMetadata = Type.Object({
  ...ClientMetadata.properties,
  ...ClientTrust.properties
}, { additionalProperties: false })
export type AdminClientMetadata = Static<typeof AdminClientMetadata>

export const Client = Type.Object({
  client_id: Type.String(),
  client_name: Type.String(),
  redirect_uris: Type.Array(Type.String()),
  grant_types: Type.Array(GrantType),
  response_types: Type.Array(ResponseType),
  scope: Type.String(),
  token_endpoint_auth_method: TokenEndpointAuthMethod,
  id_token_signed_response_alg: IdTokenSigningAlg,
  introspection_signed_response_alg: IntrospectionSigningAlg,
  post_logout_redirect_uris: Type.Array(Type.String()),
  backchannel_logout_uri: Type.Optional(Type.String()),
  backchannel_logout_session_required: Type.Boolean(),
  jwks: Type.Optional(ClientJwks),
  jwks_uri: Type.Optional(Type.String()),
  token_endpoint_auth_signing_alg: Type.Optional(ClientAssertionSigningAlg),
  /** Present (true) only when the client requires a second factor. */
  require_second_factor: Type.Optional(Type.Boolean()),
  client_id_issued_at: Type.Integer()
})
export type Client = Static<typeof Client>

export const ClientWithSecret = Type.Object({
  ...Client.properties,
  client_secret: Type.Optional(Type.String()),
  client_secret_expires_at: Type.Optional(Type.Integer())
})
export type ClientWithSecret = Static<typeof ClientWithSecret>

/**
 * What a dynamically registered client is told of itself (RFC 7592 §3): its metadata, the bearer credential of its
 * configuration endpoint and that endpoint's URL; its secret only when one was just issued.
 */
export const ClientInformation = Type.Object({
  ...ClientWithSecret.properties,
  registration_access_token: Type.String(),
  registration_client_uri: Type.String()
})
export type ClientInformation = Static<typeof ClientInformation>

/** A registered client's update of itself (RFC 7592 §2.2): its whole metadata, naming itself. */
export const ClientUpdate = Type.Object({
  ...ClientMetadata.properties,
  client_id: Type.Optional(Type.String({ maxLength: 200 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 }))
})
export type ClientUpdate = Static<typeof ClientUpdate>

export const AdminClient = Type.Object({
  ...Client.properties,
  first_party: Type.Boolean()
})
export type AdminClient = Static<typeof AdminClient>

export const AdminClientWithSecret = Type.Object({
  ...AdminClient.properties,
  client_secret: Type.Optional(Type.String()),
  client_secret_expires_at: Type.Optional(Type.Integer())
})
export type AdminClientWithSecret = Static<typeof AdminClientWithSecret>

export const ClientIdParams = Type.Object({ clientId: Type.String({ maxLength: 200 }) })
export type ClientIdParams = Static<typeof ClientIdParams>

export const ClientListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  after: Type.Optional(Type.String({ maxLength: 200 }))
})
export type ClientListQuery = Static<typeof ClientListQuery>

export const ClientList = Type.Object({
  clients: Type.Array(AdminClient),
  next: Type.Optional(Type.String())
})
export type ClientList = Static<typeof ClientList>
