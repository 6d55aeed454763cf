// The registered client as the protocol code sees it.
import type {
  ClientAssertionSigningAlg, ClientJwks, GrantType, IdTokenSigningAlg, IntrospectionSigningAlg, ResponseType, TokenEndpointAuthMethod
} from '@keyhold/contracts'

export interface Client {
  id: string
  name: string
  /** Keyed hash of the client secret; null for public clients and for those that sign assertions (private_key_jwt). */
  secretHash: string | null
  redirectUris: string[]
  grantTypes: GrantType[]
  responseTypes: ResponseType[]
  scopes: string[]
  authMethod: TokenEndpointAuthMethod
  /** Set by an administrator: the operator's own client, which may hold the `account` scope. */
  firstParty: boolean
  /** How id_tokens for the client are signed. */
  idTokenSigningAlg: IdTokenSigningAlg
  /** How introspection answers asked for as JWTs are signed for the client (RFC 9701). */
  introspectionSigningAlg: IntrospectionSigningAlg
  /** Where RP-initiated logout may send the browser back to, compared exactly. */
  postLogoutRedirectUris: string[]
  /** Where logout tokens are posted when a session the client took part in ends; absent when it takes none. */
  backchannelLogoutUri?: string
  /** The client needs `sid` in its logout tokens. */
  backchannelLogoutSessionRequired: boolean
  /** A private_key_jwt client's public keys, by value; it has these or jwksUri, never both. */
  jwks?: ClientJwks
  /** Where a private_key_jwt client publishes its public keys. */
  jwksUri?: string
  /** The one algorithm its assertions may be signed with; when absent, any the server supports. */
  assertionSigningAlg?: ClientAssertionSigningAlg
  /** Its users sign in with a second factor (acr '2'), and the password grant is refused to it. */
  requireSecondFactor: boolean
  createdAt: Date
}

export type ClientFields = Omit<Client, 'id' | 'secretHash' | 'createdAt'>

export const isPublic = (client: Client): boolean => client.authMethod === 'none'

/** How a client proves who it is: a secret, a signature with its private key, or nothing (a public client). */
export type Credential = 'secret' | 'private_key' | 'none'

export function credentialOf (authMethod: TokenEndpointAuthMethod): Credential {
  if (authMethod === 'none') return 'none'
  return authMethod === 'private_key_jwt' ? 'private_key' : 'secret'
}
