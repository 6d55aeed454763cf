// The admin view of access-token signing keys.
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
