// GET /api/me: the caller as its access token describes it.
import Type, { type Static } from 'typebox'

export const Me = Type.Object({
  sub: Type.String(),
  client_id: Type.String(),
  scope: Type.String(),
  username: Type.Optional(Type.String())
})
export type Me = Static<typeof Me>
