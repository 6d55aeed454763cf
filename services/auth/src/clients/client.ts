// The registered client as the protocol code sees it.
import type { GrantType, IdTokenSigningAlg, IntrospectionSigningAlg, ResponseType, TokenEndpointAuthMethod } from '@keyhold/contracts'

export interface Client {
  id: string
  name: string
  /** Keyed hash of the client secret; null for public clients. */
  secretHash: string | null
  redirectUris: string[]
  grantTypes: GrantType[]
  responseTypes: ResponseType[]
  scopes: string[]
  authMethod: TokenEndpointAuthMethod
  /** Set by an administrator: the operator's own client, which may hold the `account` scope. */
  firstParty: boolean
  /** Set by an administrator: the audiences whose access tokens the client may introspect. */
  introspectionAudiences: string[]
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
  createdAt: Date
}

export type ClientFields = Omit<Client, 'id' | 'secretHash' | 'createdAt'>

export const isPublic = (client: Client): boolean => client.authMethod === 'none'
