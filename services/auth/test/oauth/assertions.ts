// What the private_key_jwt tests share: a client's key pair, its registration, and assertions it signs.
import { createHmac, randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose'
import { JWT_BEARER_ASSERTION_TYPE, type AdminClientMetadata, type ClientWithSecret } from '@keyhold/contracts'
import { createClient, postForm } from '../helper.js'

export const ISSUER = 'http://127.0.0.1:4000'

export interface KeyPair {
  alg: 'ES256' | 'RS256' | 'PS256' | 'EdDSA'
  kid: string
  privateKey: CryptoKey
  /** The public JWK, with its kid, as a client registers it. */
  jwk: JWK & { kty: string }
}

export async function keyPair (alg: KeyPair['alg'] = 'ES256', kid: string = randomUUID()): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const jwk = await exportJWK(publicKey)
  return { alg, kid, privateKey, jwk: { ...jwk, kty: jwk.kty!, kid } }
}

/** A service client (client_credentials) that authenticates with assertions signed by `keys`. */
export function keyClient (app: FastifyInstance, keys: KeyPair[], metadata: Partial<AdminClientMetadata> = {}): Promise<ClientWithSecret> {
  return createClient(app, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: keys.map((key) => key.jwk) }, ...metadata })
}

/** A service client that publishes its keys at `jwksUri`. */
export function jwksUriClient (app: FastifyInstance, jwksUri: string, metadata: Partial<AdminClientMetadata> = {}): Promise<ClientWithSecret> {
  return createClient(app, { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: jwksUri, ...metadata })
}

export interface AssertionOptions {
  /** Claims replacing (or, when undefined, removing) the defaults: iss = sub = client, aud = issuer, a minute's life. */
  claims?: Record<string, unknown>
  /** Header parameters replacing the defaults (alg and kid of the key). */
  header?: Record<string, unknown>
}

export async function assertion (clientId: string, key: KeyPair, { claims = {}, header = {} }: AssertionOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const payload: JWTPayload = { iss: clientId, sub: clientId, aud: ISSUER, iat: now, exp: now + 60, jti: randomUUID(), ...claims }
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete payload[name]
  const protectedHeader = { alg: key.alg, kid: key.kid, ...header }
  for (const [name, value] of Object.entries(header)) if (value === undefined) delete (protectedHeader as Record<string, unknown>)[name]
  return new SignJWT(payload).setProtectedHeader(protectedHeader as { alg: string }).sign(key.privateKey)
}

export const assertionParameters = (clientAssertion: string): Record<string, string> =>
  ({ client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: clientAssertion })

/** A client_credentials request authenticated by `clientAssertion`. */
export function tokenWith (app: FastifyInstance, clientAssertion: string, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return postForm(app, '/token', { grant_type: 'client_credentials', ...assertionParameters(clientAssertion), ...extra })
}

/** An unsigned JWT (alg none), or one signed with HMAC over `secret`: what a forger without the private key can make. */
export function forged (payload: JWTPayload, header: Record<string, unknown>, secret?: Buffer): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
  const input = `${encode(header)}.${encode(payload)}`
  if (secret === undefined) return `${input}.`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}
