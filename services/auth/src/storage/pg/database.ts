// The Postgres tables as kysely sees them.
import type { JsonWebKey } from 'node:crypto'
import type { ColumnType, Generated, Selectable } from 'kysely'
import type { ClientJwks } from '@keyhold/contracts'

export interface ClientTable {
  id: string
  name: string
  secret_hash: string | null
  redirect_uris: string[]
  grant_types: string[]
  response_types: string[]
  scope: string
  token_endpoint_auth_method: string
  first_party: Generated<boolean>
  id_token_signed_response_alg: Generated<string>
  introspection_signed_response_alg: Generated<string>
  post_logout_redirect_uris: Generated<string[]>
  backchannel_logout_uri: string | null
  backchannel_logout_session_required: Generated<boolean>
  /** Derived from redirect_uris on every write (see webOriginsOf), for finding the clients of an origin. */
  web_origins: Generated<string[]>
  /** A private_key_jwt client's public keys (a JWK Set), or where it publishes them: one of the two, never both. */
  jwks: ColumnType<ClientJwks | null, string | null, string | null>
  jwks_uri: string | null
  token_endpoint_auth_signing_alg: string | null
  /** Keyed hash of the registration access token of a dynamically registered client; null for the admin's clients. */
  registration_access_token_hash: string | null
  /** Whether the client's users must sign in with a second factor. */
  require_second_factor: Generated<boolean>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
export type ClientRow = Selectable<ClientTable>

export interface SigningKeyTable {
  kid: string
  alg: string
  sealed_private_key: string
  public_jwk: ColumnType<JsonWebKey, string, string>
  created_at: Generated<Date>
  rotated_at: Date | null
}
export type SigningKeyRow = Selectable<SigningKeyTable>

export interface UserTable {
  id: Generated<string>
  username: string
  /** The enforced form (RFC 8265) of username: unique, and what sign-in compares. */
  username_key: string
  password_hash: string
  /** The address as the user gave it; email_key, its lower-cased form, is what is unique. */
  email: string | null
  email_key: string | null
  email_verified: Generated<boolean>
  name: string | null
  given_name: string | null
  family_name: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
export type UserRow = Selectable<UserTable>

export interface ConsentTable {
  user_id: string
  client_id: string
  scopes: string[]
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ApiTable {
  id: string
  /** Null only for the identity service's row: its identifier is the issuer. */
  identifier: string | null
  name: string
  access_token_ttl: number | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ApiScopeTable {
  name: string
  api_id: string
  description: string
  position: number
}

export interface ApiIntrospectorTable {
  api_id: string
  client_id: string
}

export interface ExchangePolicyTable {
  id: Generated<string>
  client_id: string
  source_api: string
  source_scope: string
  target_api: string
  target_scopes: string[]
  impersonation: boolean
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
export type ExchangePolicyRow = Selectable<ExchangePolicyTable>

export interface PasskeyTable {
  id: Generated<string>
  user_id: string
  credential_id: string
  public_key: Uint8Array
  /** bigint: pg returns it as a string. */
  counter: ColumnType<string, number, number>
  transports: string[]
  name: string
  backup_eligible: boolean
  backed_up: boolean
  created_at: Generated<Date>
  last_used_at: Date | null
}
export type PasskeyRow = Selectable<PasskeyTable>

export interface TotpFactorTable {
  user_id: string
  sealed_secret: string
  confirmed_at: Date | null
  last_step: ColumnType<string, number | undefined, number>
  created_at: Generated<Date>
}

export interface RecoveryCodeTable {
  user_id: string
  code_hash: string
  used_at: Date | null
  created_at: Generated<Date>
}

export interface Database {
  clients: ClientTable
  apis: ApiTable
  api_scopes: ApiScopeTable
  api_introspectors: ApiIntrospectorTable
  signing_keys: SigningKeyTable
  users: UserTable
  consents: ConsentTable
  exchange_policies: ExchangePolicyTable
  passkeys: PasskeyTable
  totp_factors: TotpFactorTable
  recovery_codes: RecoveryCodeTable
}
