// The admin view of signing keys: access tokens, id_tokens and logout tokens.
import Type, { type Static } from 'typebox'

export const SigningKeyInfo = Type.Object({
  kid: Type.String(),
  alg: Type.String(),
  created_at: Type.String(),
  rotated_at: Type.Union([Type.String(), Type.Null()]),
  signing: Type.Boolean()
})
export type SigningKeyInfo = Static<typeof SigningKeyInfo>

export const SigningKeyList = Type.Object({ keys: Type.Array(SigningKeyInfo) })
export type SigningKeyList = Static<typeof SigningKeyList>

/** POST /admin/keys?alg=…: which algorithm's key to add; ES256 (access tokens and ES256 id_tokens) when absent. */
export const SigningKeyQuery = Type.Object({
  alg: Type.Optional(Type.Union([Type.Literal('ES256'), Type.Literal('RS256')]))
})
export type SigningKeyQuery = Static<typeof SigningKeyQuery>
