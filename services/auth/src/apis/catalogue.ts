// Every registered API at one moment, looked up by identifier, id or scope: what a token request is checked against.
import { definesScope, type Api } from './api.js'

export interface ApiCatalogue {
  /** The identity service's own API first, then the others by id. */
  readonly apis: readonly Api[]
  /** The identity service's own API: its identifier is the issuer. */
  readonly identity: Api
  /** The API whose identifier is `identifier` (a token's `aud`, a `resource` parameter). */
  find (identifier: string): Api | undefined
  byId (id: string): Api | undefined
  /** The API that defines `scope`; every scope names at most one. */
  ownerOf (scope: string): Api | undefined
}

export function catalogueOf (apis: readonly Api[]): ApiCatalogue {
  // The first of an identifier wins: the identity service's, should ISSUER become a stored API's identifier.
  const byIdentifier = new Map([...apis].reverse().map((api) => [api.identifier, api]))
  const byId = new Map(apis.map((api) => [api.id, api]))
  const byScope = new Map(apis.flatMap((api) => api.scopes.map(({ name }) => [name, api] as const)))
  return {
    apis,
    identity: apis.find((api) => api.builtIn)!,
    find: (identifier) => byIdentifier.get(identifier),
    byId: (id) => byId.get(id),
    ownerOf: (scope) => byScope.get(scope)
  }
}

/** Whether the client may hold some scope of `api`. */
export const allowsSomeScopeOf = (allowedScopes: readonly string[], api: Api): boolean =>
  allowedScopes.some((scope) => definesScope(api, scope))
