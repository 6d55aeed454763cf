// GET /authorize (RFC 6749 §4.1, §4.2; RFC 7636; RFC 9126 §4; OpenID Connect Core §3.1.2.1) and the login, consent
// and logout forms.
import Type, { type Static } from 'typebox'

const Param = Type.String({ maxLength: 2000 })

export const MAX_RESOURCE_INDICATORS = 10
/**
 * RFC 8707 §2: the APIs a token is asked for, the one parameter that may repeat. Given once it is coerced to a list
 * of one; the identity service checks each value (absolute URI, no fragment, registered).
 */
export const ResourceIndicators = Type.Array(Type.String({ maxLength: 2000 }), { minItems: 1, maxItems: MAX_RESOURCE_INDICATORS })

/** Every parameter is optional here: which are missing decides between an error page and an error redirect. */
export const AuthorizationParameters = Type.Object({
  response_type: Type.Optional(Param),
  client_id: Type.Optional(Param),
  redirect_uri: Type.Optional(Param),
  scope: Type.Optional(Param),
  /** Longer than any state we accept, so that a long one is refused with a reason rather than by the schema. */
  state: Type.Optional(Type.String({ maxLength: 4096 })),
  code_challenge: Type.Optional(Param),
  code_challenge_method: Type.Optional(Param),
  prompt: Type.Optional(Param),
  response_mode: Type.Optional(Param),
  nonce: Type.Optional(Param),
  max_age: Type.Optional(Param),
  acr_values: Type.Optional(Param),
  login_hint: Type.Optional(Param),
  /** An id_token is longer than other parameters, and an RS256 one more so. */
  id_token_hint: Type.Optional(Type.String({ maxLength: 8192 })),
  resource: Type.Optional(ResourceIndicators)
})
export type AuthorizationParameters = Static<typeof AuthorizationParameters>

export const AuthorizeQuery = Type.Object({
  ...AuthorizationParameters.properties,
  request_uri: Type.Optional(Param)
})
export type AuthorizeQuery = Static<typeof AuthorizeQuery>

const CsrfToken = Type.String({ maxLength: 200 })

/** The opaque id of an authorization request the server holds while the user signs in and decides. */
const RequestId = Type.String({ minLength: 1, maxLength: 100 })

/** Where a sign-in that is not for an authorization request returns: one of the service's own account pages. */
export const ReturnTo = Type.String({ pattern: '^(/account(/[a-z0-9-]{1,40}){0,3}|/verify-email)$', maxLength: 200 })

export const LoginForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  username: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Type.String({ maxLength: 256 })),
  request_id: Type.Optional(RequestId),
  return_to: Type.Optional(ReturnTo)
})
export type LoginForm = Static<typeof LoginForm>

export const LoginQuery = Type.Object({ request_id: Type.Optional(RequestId), return_to: Type.Optional(ReturnTo) })
export type LoginQuery = Static<typeof LoginQuery>

export const ConsentForm = Type.Object({
  _csrf: Type.Optional(CsrfToken),
  request_id: RequestId,
  decision: Type.Union([Type.Literal('allow'), Type.Literal('deny')])
})
export type ConsentForm = Static<typeof ConsentForm>

export const ConsentQuery = Type.Object({ request_id: RequestId })
export type ConsentQuery = Static<typeof ConsentQuery>

/** RP-Initiated Logout 1.0 §2: what a client sends the browser to /logout with. */
export const LogoutParameters = Type.Object({
  id_token_hint: Type.Optional(Type.String({ maxLength: 8192 })),
  client_id: Type.Optional(Param),
  post_logout_redirect_uri: Type.Optional(Param),
  state: Type.Optional(Param)
})
export type LogoutParameters = Static<typeof LogoutParameters>

export const LogoutForm = Type.Object({ _csrf: Type.Optional(CsrfToken), ...LogoutParameters.properties })
export type LogoutForm = Static<typeof LogoutForm>
