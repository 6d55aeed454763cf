// An API tokens may be for: its identifier is their `aud` (RFC 8707, RFC 9068 §3), and it defines the scopes a
// client may be allowed and a user asked to grant.
import type { Client } from '../clients/client.js'

export interface ApiScope {
  name: string
  /** What the consent page tells the user the scope allows. */
  description: string
}

export interface Api {
  id: string
  identifier: string
  name: string
  scopes: readonly ApiScope[]
  /** Seconds its access tokens live. */
  accessTokenTtl: number
  /** The clients that may introspect its access tokens. */
  introspectors: readonly string[]
  /** The identity service's own API, whose identifier is the issuer: only its introspectors may change. */
  builtIn: boolean
}

/** What an administrator sets; the lifetime is absent for ACCESS_TOKEN_TTL. */
export interface ApiFields {
  identifier: string
  name: string
  scopes: ApiScope[]
  accessTokenTtl?: number
  introspectors: string[]
}

/** The longest an API may have its access tokens live: signing keys stay published at least this long. */
export const MAX_ACCESS_TOKEN_TTL = 86400

export const mayIntrospect = (client: Pick<Client, 'id'>, api: Api): boolean => api.introspectors.includes(client.id)

export const definesScope = (api: Api, scope: string): boolean => api.scopes.some(({ name }) => name === scope)

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]'])

/**
 * Why `uri` cannot name an API, or undefined when it can: an absolute URI without fragment (RFC 8707 §2), https, or
 * http on a loopback address, in the form the URL parser gives back so that one API has one spelling.
 */
export function identifierProblem (uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return 'is not an absolute URI'
  }
  if (uri.includes('#')) return 'has a fragment'
  // The parser adds the root path to a bare origin; otherwise what it gives back must be what was given.
  if (url.href !== uri && url.href !== `${uri}/`) return 'is not in normalised form'
  if (url.username !== '' || url.password !== '') return 'has user information'
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return undefined
  return 'must be https (http only on a loopback address)'
}
