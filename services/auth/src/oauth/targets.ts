// Which APIs an access token is for (RFC 8707): those a request names with `resource`, or else those its scopes belong
// to; and the token's audience, scope and lifetime. OpenID Connect's scopes may be asked for beside any resource: they
// shape the id_token and userinfo, and make the identity service an audience only when its issuer is a resource asked
// for, or when no resource is named. offline_access says how long a grant lasts and names no API.
import type { Audience } from '@keyhold/contracts'
import type { Api } from '../apis/api.js'
import { allowsSomeScopeOf, type ApiCatalogue } from '../apis/catalogue.js'
import { InvalidGrant, InvalidScope, InvalidTarget } from '../errors.js'
import { EMAIL_SCOPE, isGrantLifetimeScope, OFFLINE_ACCESS_SCOPE, OPENID_SCOPE, PROFILE_SCOPE } from '../identity-scopes.js'
import { grantableScopes } from './scope.js'

const OPENID_SCOPES: ReadonlySet<string> = new Set([OPENID_SCOPE, PROFILE_SCOPE, EMAIL_SCOPE, OFFLINE_ACCESS_SCOPE])

export interface TokenTarget {
  audience: Audience
  /** The scopes the access token carries. */
  scopes: string[]
  /** Seconds it lives: the shortest lifetime of its APIs. */
  lifetime: number
}

/** Whether `value` is an absolute URI without fragment, as RFC 8707 §2 asks of a resource indicator. */
function isResourceIndicator (value: string): boolean {
  if (value.includes('#')) return false
  try {
    return new URL(value).protocol.length > 1
  } catch {
    return false
  }
}

/**
 * The APIs `resource` names, each checked: an absolute URI without fragment, a registered API, and one of whose scopes
 * the client may have. Undefined when the request names none.
 */
export function requestedApis (catalogue: ApiCatalogue, resources: readonly string[] | undefined, allowed: readonly string[]): Api[] | undefined {
  if (resources === undefined) return undefined
  const apis: Api[] = []
  for (const resource of resources) {
    if (!isResourceIndicator(resource)) throw new InvalidTarget('a resource is not an absolute URI without fragment')
    const api = catalogue.find(resource)
    if (!api || !allowsSomeScopeOf(allowed, api)) throw new InvalidTarget('a resource is unknown or not allowed for this client')
    if (!apis.includes(api)) apis.push(api)
  }
  return apis
}

/**
 * The scopes to grant: those requested (or, without `scope`, all the client may have of the requested APIs, or all it
 * may have when no resource is named), each defined by a registered API, allowed to the client, and with resources
 * named, of one of them or OpenID Connect's.
 */
export function grantedScopes (
  catalogue: ApiCatalogue, requested: string[] | undefined, allowed: readonly string[], apis: readonly Api[] | undefined
): string[] {
  const defined = allowed.filter((scope) => catalogue.ownerOf(scope) !== undefined)
  if (apis === undefined) return grantableScopes(requested, defined)
  const ofApis = (scope: string) => apis.includes(catalogue.ownerOf(scope)!)
  if (requested === undefined) return defined.filter(ofApis)
  const scopes = grantableScopes(requested, defined)
  if (scopes.some((scope) => !ofApis(scope) && !OPENID_SCOPES.has(scope))) {
    throw new InvalidScope('the requested scope belongs to no requested resource')
  }
  return scopes
}

/** The APIs the scopes belong to: others in the order their scopes come, then the identity service. */
function apisOf (catalogue: ApiCatalogue, scopes: readonly string[]): Api[] {
  const owners = scopes.filter((scope) => !isGrantLifetimeScope(scope)).map((scope) => catalogue.ownerOf(scope))
    .filter((api): api is Api => api !== undefined)
  const others = [...new Set(owners.filter((api) => !api.builtIn))]
  return owners.includes(catalogue.identity) ? [...others, catalogue.identity] : others
}

/**
 * The token for `scopes`: for `apis` when resources were named (carrying only their scopes, and offline_access), else
 * for every API its scopes belong to; a token whose scopes name no API is the identity service's, where it allows
 * nothing.
 */
export function tokenTarget (catalogue: ApiCatalogue, scopes: readonly string[], apis?: readonly Api[]): TokenTarget {
  const targets = apis ?? apisOf(catalogue, scopes)
  const audiences = targets.length === 0 ? [catalogue.identity] : targets
  const tokenScopes = apis === undefined
    ? [...scopes]
    : scopes.filter((scope) => isGrantLifetimeScope(scope) || apis.includes(catalogue.ownerOf(scope)!))
  return {
    audience: audiences.length === 1 ? audiences[0]!.identifier : audiences.map((api) => api.identifier),
    scopes: tokenScopes,
    lifetime: Math.min(...audiences.map((api) => api.accessTokenTtl))
  }
}

/**
 * At a code exchange or refresh: the APIs the token is for. A request naming resources gets those of the grant's it
 * names (RFC 8707 §2.2), anything else is invalid_target; without, the grant's own resources, or, when it named none,
 * the APIs its scopes belong to. An API deleted since is left out.
 */
export function grantApis (
  catalogue: ApiCatalogue, grant: { scopes: readonly string[], resources?: readonly string[] }, requested: readonly string[] | undefined
): Api[] | undefined {
  if (requested === undefined && grant.resources === undefined) return undefined
  const held = grant.resources ?? apisOf(catalogue, grant.scopes).map((api) => api.identifier)
  if (requested?.some((resource) => !held.includes(resource)) === true) throw new InvalidTarget('a resource is not one this grant holds')
  const apis = [...new Set(requested ?? held)].map((resource) => catalogue.find(resource)).filter((api): api is Api => api !== undefined)
  if (apis.length === 0) throw new InvalidGrant('the APIs this grant was for are no longer registered')
  return apis
}
