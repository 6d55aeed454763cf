// The API registry under /admin/apis: each API a token may be for (its `aud`), the scopes it defines, how long its
// tokens live and which clients may introspect them.
import Type, { type Static } from 'typebox'
import { SCOPE_TOKEN } from './scope.js'

export const MAX_API_SCOPES = 100
export const MAX_API_INTROSPECTORS = 100

export const ApiScope = Type.Object({
  name: Type.String({ pattern: `^${SCOPE_TOKEN}$`, maxLength: 200 }),
  /** What the consent page tells the user the scope allows. */
  description: Type.String({ minLength: 1, maxLength: 300 })
}, { additionalProperties: false })
export type ApiScope = Static<typeof ApiScope>

/** The administrator's body for an API: unknown properties are refused, as for clients. */
export const ApiDefinition = Type.Object({
  /** Absolute https URI (http only on a loopback address), without fragment: the `aud` of its tokens (RFC 8707). */
  identifier: Type.String({ minLength: 1, maxLength: 2000 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  scopes: Type.Array(ApiScope, { maxItems: MAX_API_SCOPES }),
  /** Seconds its access tokens live; ACCESS_TOKEN_TTL when absent. */
  access_token_ttl: Type.Optional(Type.Integer({ minimum: 60, maximum: 86400 })),
  /** Client ids allowed to introspect its access tokens (a resource server names its own). */
  introspectors: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: MAX_API_INTROSPECTORS, uniqueItems: true }))
}, { additionalProperties: false })
export type ApiDefinition = Static<typeof ApiDefinition>

export const Api = Type.Object({
  id: Type.String(),
  identifier: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
  access_token_ttl: Type.Integer(),
  introspectors: Type.Array(Type.String()),
  /** The identity service's own API: only its introspectors may change. */
  built_in: Type.Boolean()
})
export type Api = Static<typeof Api>

export const ApiIdParams = Type.Object({ apiId: Type.String({ maxLength: 200 }) })
export type ApiIdParams = Static<typeof ApiIdParams>

export const ApiListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  after: Type.Optional(Type.String({ maxLength: 200 }))
})
export type ApiListQuery = Static<typeof ApiListQuery>

export const ApiList = Type.Object({
  apis: Type.Array(Api),
  next: Type.Optional(Type.String())
})
export type ApiList = Static<typeof ApiList>
