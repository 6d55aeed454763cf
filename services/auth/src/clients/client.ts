// The registered client as the protocol code sees it.
import type { GrantType, ResponseType, TokenEndpointAuthMethod } from '@keyhold/contracts'

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
  createdAt: Date
}

export type ClientFields = Omit<Client, 'id' | 'secretHash' | 'createdAt'>

export const isPublic = (client: Client): boolean => client.authMethod === 'none'
