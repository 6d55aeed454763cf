// GET and POST /userinfo (OpenID Connect Core §5.3): the signed-in user's claims that the access token's scopes allow.
import Type, { type Static } from 'typebox'

/** POST may carry the token in the form body (RFC 6750 §2.2) rather than the header. */
export const UserinfoForm = Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 4096 })) })
export type UserinfoForm = Static<typeof UserinfoForm>

export const UserinfoResponse = Type.Object({
  sub: Type.String(),
  name: Type.Optional(Type.String()),
  given_name: Type.Optional(Type.String()),
  family_name: Type.Optional(Type.String()),
  preferred_username: Type.Optional(Type.String()),
  updated_at: Type.Optional(Type.Integer()),
  email: Type.Optional(Type.String()),
  email_verified: Type.Optional(Type.Boolean())
})
export type UserinfoResponse = Static<typeof UserinfoResponse>
