// GET /jwks.json: the public keys that verify access tokens, id_tokens and logout tokens (RFC 7517).
import Type, { type Static } from 'typebox'

export const PublicEcJwk = Type.Object({
  kty: Type.Literal('EC'),
  crv: Type.Literal('P-256'),
  x: Type.String(),
  y: Type.String(),
  kid: Type.String(),
  alg: Type.Literal('ES256'),
  use: Type.Literal('sig')
})

export const PublicRsaJwk = Type.Object({
  kty: Type.Literal('RSA'),
  n: Type.String(),
  e: Type.String(),
  kid: Type.String(),
  alg: Type.Literal('RS256'),
  use: Type.Literal('sig')
})

export const PublicJwk = Type.Union([PublicEcJwk, PublicRsaJwk])
export type PublicJwk = Static<typeof PublicJwk>

export const JwkSet = Type.Object({ keys: Type.Array(PublicJwk) })
export type JwkSet = Static<typeof JwkSet>
