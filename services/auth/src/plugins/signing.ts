// Access-token signing: the newest key at start signs (through @fastify/jwt); every published key verifies.
// A key added while running is published at once and signs from the next start on, so that verifiers
// have seen it before any token carries it.
import fp from 'fastify-plugin'
import jwt from '@fastify/jwt'
import type { JwkSet } from '@keyhold/contracts'
import { generateSigningKey, publicKeyPem } from '../crypto/signing-key.js'
import type { SigningKeyRecord } from '../storage/types.js'

export interface Signing {
  /** The key id this process signs with. */
  kid: string
  jwks (): Promise<JwkSet>
  /** Every key a token of ours may still carry, newest first. */
  keys (): Promise<SigningKeyRecord[]>
  rotate (): Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    signing: Signing
  }
}

const JWKS_CACHE_MS = 10_000
// A rotated key stays published while tokens it signed may live, with a day for instances
// that still sign with it until their next start.
const ROTATED_RETENTION_MS = 24 * 3600 * 1000

export default fp(async (app, opts: { accessTokenTtl: number }) => {
  const store = app.stores.signingKeys
  const rotatedSince = () => new Date(Date.now() - opts.accessTokenTtl * 1000 - ROTATED_RETENTION_MS)

  let keys = await store.published(rotatedSince())
  if (keys.length === 0) {
    await store.add(generateSigningKey())
    keys = await store.published(rotatedSince())
  }
  const active = keys[0]!

  await app.register(jwt, {
    secret: { private: active.privateKeyPem, public: publicKeyPem(active.publicJwk) },
    sign: { algorithm: 'ES256', kid: active.kid, header: { alg: 'ES256', typ: 'at+jwt' } },
    verify: { algorithms: ['ES256'] }
  })

  let cached: { at: number, value: JwkSet } | undefined
  const signing: Signing = {
    kid: active.kid,
    keys: () => store.published(rotatedSince()),
    async jwks () {
      if (cached && Date.now() - cached.at < JWKS_CACHE_MS) return cached.value
      const published = await signing.keys()
      const value: JwkSet = {
        keys: published.map((key) => ({
          kty: 'EC', crv: 'P-256', x: key.publicJwk.x!, y: key.publicJwk.y!, kid: key.kid, alg: 'ES256', use: 'sig'
        }))
      }
      cached = { at: Date.now(), value }
      return value
    },
    async rotate () {
      const key = generateSigningKey()
      await store.add(key)
      cached = undefined
      return key.kid
    }
  }
  app.decorate('signing', signing)
}, { name: 'signing', dependencies: ['stores'] })
