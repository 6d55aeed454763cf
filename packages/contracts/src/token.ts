// POST /token (RFC 6749 §4, §6; RFC 7636).
import Type, { type Static } from 'typebox'
import { ResourceIndicators } from './authorize.js'
import { ClientAssertionParameters } from './client-assertion.js'
import { ScopeString } from './scope.js'

const Param = Type.String({ maxLength: 4096 })
/** A parameter that may be given more than once (RFC 8693 §2.1: `audience` and `resource`). */
const Repeatable = Type.Array(Param, { minItems: 1, maxItems: 10 })

export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'

export const TokenRequest = Type.Object({
  grant_type: Type.String({ maxLength: 200 }),
  scope: Type.Optional(ScopeString),
  client_id: Type.Optional(Param),
  client_secret: Type.Optional(Param),
  ...ClientAssertionParameters.properties,
  code: Type.Optional(Param),
  redirect_uri: Type.Optional(Param),
  code_verifier: Type.Optional(Param),
  refresh_token: Type.Optional(Param),
  username: Type.Optional(Param),
  password: Type.Optional(Param),
  resource: Type.Optional(ResourceIndicators),
  // Token exchange (RFC 8693 §2.1).
  audience: Type.Optional(Repeatable),
  subject_token: Type.Optional(Param),
  subject_token_type: Type.Optional(Param),
  actor_token: Type.Optional(Param),
  actor_token_type: Type.Optional(Param),
  requested_token_type: Type.Optional(Param)
})
export type TokenRequest = Static<typeof TokenRequest>

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.Optional(Type.String()),
  refresh_token: Type.Optional(Type.String()),
  /** For a grant holding the openid scope (OpenID Connect Core §3.1.3.3, §12.2). */
  id_token: Type.Optional(Type.String()),
  /** The type of the token issued by exchange (RFC 8693 §2.2.1). */
  issued_token_type: Type.Optional(Type.String())
})
export type TokenResponse = Static<typeof TokenResponse>
