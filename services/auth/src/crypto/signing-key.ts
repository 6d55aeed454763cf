// Creates signing key pairs (ES256 for access tokens and id_tokens, RS256 for id_tokens), named by a hash of their
// public members in RFC 7638's order.
import type { JsonWebKey } from 'node:crypto'
import { createPublicKey, generateKeyPair } from 'node:crypto'
import { promisify } from 'node:util'
import type { SigningAlgorithm } from '@keyhold/service-kit/jose'
import { sha256 } from './hash.js'

export interface NewSigningKey {
  kid: string
  alg: SigningAlgorithm
  privateKeyPem: string
  publicJwk: JsonWebKey
}

export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['ES256', 'RS256']

const newKeyPair = promisify(generateKeyPair)

// Off the event loop: an RSA key takes the better part of a second to find.
function keyPair (alg: SigningAlgorithm) {
  return alg === 'ES256'
    ? newKeyPair('ec', { namedCurve: 'P-256' })
    : newKeyPair('rsa', { modulusLength: 2048 })
}

/** The public members of a JWK, in the order RFC 7638 hashes them. */
function publicMembers ({ crv, e, kty, n, x, y }: JsonWebKey): JsonWebKey {
  return kty === 'RSA' ? { e, kty, n } : { crv, kty, x, y }
}

export async function generateSigningKey (alg: SigningAlgorithm): Promise<NewSigningKey> {
  const { privateKey, publicKey } = await keyPair(alg)
  const publicJwk = publicMembers(publicKey.export({ format: 'jwk' }))
  return {
    kid: sha256(JSON.stringify(publicJwk)),
    alg,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk
  }
}

export function publicKeyPem (jwk: JsonWebKey): string {
  return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString()
}
