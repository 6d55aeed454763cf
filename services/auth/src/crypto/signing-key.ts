// Creates ES256 key pairs for access tokens, named by their JWK thumbprint (RFC 7638).
import type { JsonWebKey } from 'node:crypto'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { sha256 } from './hash.js'

export interface NewSigningKey {
  kid: string
  alg: 'ES256'
  privateKeyPem: string
  publicJwk: JsonWebKey
}

export function generateSigningKey (): NewSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const { crv, kty, x, y } = publicKey.export({ format: 'jwk' })
  return {
    kid: sha256(JSON.stringify({ crv, kty, x, y })),
    alg: 'ES256',
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: { crv, kty, x, y }
  }
}

export function publicKeyPem (jwk: JsonWebKey): string {
  return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString()
}
