// Signs a JWT: the one place either service creates a JWS other than an access token (which @fastify/jwt signs).
import type { KeyObject } from 'node:crypto'
import { SignJWT, type JWTPayload } from 'jose'

export type SigningAlgorithm = 'ES256' | 'RS256'

export interface JwtSigner {
  alg: SigningAlgorithm
  kid: string
  key: KeyObject
}

/** `payload` signed by `signer`, with `kid` and, when given, `typ` in the header (RFC 8725 §3.11). */
export function signJwt (payload: JWTPayload, signer: JwtSigner, typ?: string): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, ...(typ !== undefined && { typ }) })
    .sign(signer.key)
}
