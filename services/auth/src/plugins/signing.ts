// Signing keys, one current key per algorithm. The ES256 key signs access tokens (through @fastify/jwt) and ES256
// id_tokens; the RS256 key signs id_tokens of clients on OpenID Connect's default, and is made the first time one is
// needed, since finding an RSA key costs far more than a start should. Every published key verifies. A key added
// while running is published at once and signs from the next start on, so that verifiers have seen it before any
// token carries it.
import { createPrivateKey } from 'node:crypto'
import fp from 'fastify-plugin'
import jwt from '@fastify/jwt'
import type { JwkSet, PublicJwk } from '@keyhold/contracts'
import { publishedKeySet, type JwtSigner, type KeyResolver, type SigningAlgorithm } from '@keyhold/service-kit/jose'
import { MAX_ACCESS_TOKEN_TTL } from '../apis/api.js'
import { generateSigningKey, publicKeyPem } from '../crypto/signing-key.js'
import type { SigningKeyRecord } from '../storage/types.js'

export interface Signing {
  /** The key id this process signs access tokens with. */
  kid: string
  /** The key this process signs other JWTs (id_tokens, logout tokens) with for `alg`. */
  signer (alg: SigningAlgorithm): Promise<JwtSigner>
  /** The ids of the keys this process signs with now. */
  signingKids (): string[]
  /** Resolves the key of a JWT we signed, for tokens that come back to us (id_token_hint). */
  ownKeys: KeyResolver
  jwks (): Promise<JwkSet>
  /** Every key a token of ours may still carry, newest first. */
  keys (): Promise<SigningKeyRecord[]>
  /** Adds a key for `alg`; returns its kid. */
  rotate (alg?: SigningAlgorithm): Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    signing: Signing
  }
}

const JWKS_CACHE_MS = 10_000
// A rotated key stays published while tokens it signed may live (as long as the longest lifetime an API may set), with
// a day for instances that still sign with it until their next start.
const ROTATED_RETENTION_MS = (MAX_ACCESS_TOKEN_TTL + 24 * 3600) * 1000

function publicJwk (key: SigningKeyRecord): PublicJwk {
  const { kid, publicJwk: jwk } = key
  return key.alg === 'RS256'
    ? { kty: 'RSA', n: jwk.n!, e: jwk.e!, kid, alg: 'RS256', use: 'sig' }
    : { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid, alg: 'ES256', use: 'sig' }
}

const signerOf = (key: SigningKeyRecord): JwtSigner => ({ alg: key.alg, kid: key.kid, key: createPrivateKey(key.privateKeyPem) })

export default fp(async (app) => {
  const store = app.stores.signingKeys
  const rotatedSince = () => new Date(Date.now() - ROTATED_RETENTION_MS)
  let cached: { at: number, value: JwkSet } | undefined

  const atStart = await store.published(rotatedSince())
  const current = async (alg: SigningAlgorithm): Promise<SigningKeyRecord> => {
    const known = atStart.find((key) => key.alg === alg)
    if (known) return known
    const added = await store.addFirst(await generateSigningKey(alg))
    cached = undefined
    return added
  }

  const accessTokenKey = await current('ES256')
  const signers = new Map<SigningAlgorithm, Promise<JwtSigner>>([['ES256', Promise.resolve(signerOf(accessTokenKey))]])
  const loaded = new Set([accessTokenKey.kid])

  await app.register(jwt, {
    secret: { private: accessTokenKey.privateKeyPem, public: publicKeyPem(accessTokenKey.publicJwk) },
    sign: { algorithm: 'ES256', kid: accessTokenKey.kid, header: { alg: 'ES256', typ: 'at+jwt' } },
    verify: { algorithms: ['ES256'] }
  })

  const signing: Signing = {
    kid: accessTokenKey.kid,
    signer (alg) {
      let signer = signers.get(alg)
      if (!signer) {
        signer = current(alg).then((key) => { loaded.add(key.kid); return signerOf(key) })
        signers.set(alg, signer)
        signer.catch(() => signers.delete(alg))
      }
      return signer
    },
    signingKids: () => [...loaded],
    ownKeys: publishedKeySet(() => signing.jwks(), 1),
    keys: () => store.published(rotatedSince()),
    async jwks () {
      if (cached && Date.now() - cached.at < JWKS_CACHE_MS) return cached.value
      const value: JwkSet = { keys: (await signing.keys()).map(publicJwk) }
      cached = { at: Date.now(), value }
      return value
    },
    async rotate (alg = 'ES256') {
      const key = await generateSigningKey(alg)
      await store.add(key)
      cached = undefined
      return key.kid
    }
  }
  app.decorate('signing', signing)
}, { name: 'signing', dependencies: ['stores'] })
