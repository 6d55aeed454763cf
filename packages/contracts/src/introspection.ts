// POST /introspect (RFC 7662) and the access-token claims it reveals (RFC 9068).
import Type, { type Static } from 'typebox'
import { ClientAssertionParameters } from './client-assertion.js'

export const TokenTypeHint = Type.Union([Type.Literal('access_token'), Type.Literal('refresh_token')])

export const TokenReferenceRequest = Type.Object({
  token: Type.String({ maxLength: 4096 }),
  token_type_hint: Type.Optional(Type.String({ maxLength: 100 })),
  client_id: Type.Optional(Type.String({ maxLength: 4096 })),
  client_secret: Type.Optional(Type.String({ maxLength: 4096 })),
  ...ClientAssertionParameters.properties
})
export type TokenReferenceRequest = Static<typeof TokenReferenceRequest>
export const IntrospectionRequest = TokenReferenceRequest
export type IntrospectionRequest = TokenReferenceRequest

/** One API's identifier, or several when the token's scopes belong to several (RFC 9068 §3, RFC 7519 §4.1.3). */
export const Audience = Type.Union([Type.String(), Type.Array(Type.String(), { minItems: 2 })])
export type Audience = Static<typeof Audience>

/**
 * Who acts for the subject (RFC 8693 §4.1): the client that exchanged a token, and, nested, whoever acted before it.
 */
export interface Actor {
  sub: string
  client_id?: string
  act?: Actor
}
// Nested to any depth, so described loosely: `sub` is required, the rest is passed on as issued.
export const Actor = Type.Unsafe<Actor>({ type: 'object', required: ['sub'], properties: { sub: { type: 'string' } }, additionalProperties: true })

export const AccessTokenClaims = Type.Object({
  iss: Type.String(),
  sub: Type.String(),
  aud: Audience,
  client_id: Type.String(),
  scope: Type.String(),
  jti: Type.String(),
  iat: Type.Integer(),
  exp: Type.Integer(),
  username: Type.Optional(Type.String()),
  act: Type.Optional(Actor)
})
export type AccessTokenClaims = Static<typeof AccessTokenClaims>

export const ActiveIntrospection = Type.Object({
  active: Type.Literal(true),
  token_type: Type.Union([Type.Literal('Bearer'), Type.Literal('refresh_token')]),
  iss: Type.String(),
  sub: Type.String(),
  aud: Type.Optional(Audience),
  client_id: Type.String(),
  scope: Type.String(),
  jti: Type.Optional(Type.String()),
  iat: Type.Integer(),
  exp: Type.Integer(),
  username: Type.Optional(Type.String()),
  act: Type.Optional(Actor)
})
export type ActiveIntrospection = Static<typeof ActiveIntrospection>

export const InactiveIntrospection = Type.Object({ active: Type.Literal(false) }, { additionalProperties: false })
export type InactiveIntrospection = Static<typeof InactiveIntrospection>

export const IntrospectionResponse = Type.Union([ActiveIntrospection, InactiveIntrospection])
export type IntrospectionResponse = Static<typeof IntrospectionResponse>
