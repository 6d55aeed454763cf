// Signing keys, one signing key per algorithm at a time. The ES256 key signs access tokens and ES256 id_tokens; the
// RS256 key signs id_tokens of clients on OpenID Connect's default, and is made the first time one is needed, since
// finding an RSA key costs far more than a start should. Every published key verifies. A new key is published at once
// and signs once its activation delay has passed, on every instance alike, so that verifiers have seen it before any
// token carries it; instances re-read the keys often enough to see it well before then.
import { createPrivateKey } from 'node:crypto'
import fp from 'fastify-plugin'
import { createSigner } from 'fast-jwt'
import type { AccessTokenClaims, JwkSet, PublicJwk } from '@keyhold/contracts'
import { publishedKeySet, type JwtSigner, type KeyResolver, type SigningAlgorithm } from '@keyhold/service-kit/jose'
import { MAX_ACCESS_TOKEN_TTL } from '../apis/api.js'
import { generateSigningKey } from '../crypto/signing-key.js'
import type { SigningKeyRecord } from '../storage/types.js'
import { rotationSchedule } from './signing-schedule.js'

export interface Signing {
  /** The key id access tokens are signed with now. */
  readonly kid: string
  /** `claims` as an access token (RFC 9068), signed by the current ES256 key. */
  signAccessToken (claims: AccessTokenClaims): string
  /** The key this process signs other JWTs (id_tokens, logout tokens) with for `alg`. */
  signer (alg: SigningAlgorithm): Promise<JwtSigner>
  /** The ids of the keys that sign now. */
  signingKids (): string[]
  /** Resolves the key of a JWT we signed, for tokens that come back to us (id_token_hint). */
  ownKeys: KeyResolver
  jwks (): Promise<JwkSet>
  /** Every key a token of ours may still carry, newest first. */
  keys (): Promise<SigningKeyRecord[]>
  /** Adds a key for `alg`, signing after the activation delay; returns its kid. */
  rotate (alg?: SigningAlgorithm): Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    signing: Signing
  }
}

// After this long a process re-reads the keys (without waiting for it: it signs with what it knows meanwhile).
const MAX_VIEW_AGE_MS = 10_000
// For clocks a little apart, between the instances and the verifiers.
const CLOCK_SKEW_MS = 60_000

function publicJwk (key: SigningKeyRecord): PublicJwk {
  const { kid, publicJwk: jwk } = key
  return key.alg === 'RS256'
    ? { kty: 'RSA', n: jwk.n!, e: jwk.e!, kid, alg: 'RS256', use: 'sig' }
    : { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid, alg: 'ES256', use: 'sig' }
}

type AccessTokenSigner = (claims: AccessTokenClaims) => string

const accessTokenSignerOf = (key: SigningKeyRecord): AccessTokenSigner =>
  createSigner<AccessTokenClaims>({ key: key.privateKeyPem, algorithm: 'ES256', kid: key.kid, header: { alg: 'ES256', typ: 'at+jwt' } })

export default fp(async (app) => {
  const store = app.stores.signingKeys
  const activationMs = app.config.signingKeys.activationDelay * 1000
  // A key superseded at `rotated_at` may still sign until its successor is active, and its tokens live as long as an
  // API may let them.
  const rotatedSince = () => new Date(Date.now() - (activationMs + MAX_ACCESS_TOKEN_TTL * 1000 + CLOCK_SKEW_MS))
  const viewMaxAgeMs = Math.min(MAX_VIEW_AGE_MS, Math.max(100, activationMs / 4))

  let view = { keys: await store.published(rotatedSince()), at: Date.now() }
  let reading: Promise<void> | undefined
  const reread = (): Promise<void> => reading ??= store.published(rotatedSince())
    .then((keys) => { view = { keys, at: Date.now() } })
    .finally(() => { reading = undefined })
  const currentKeys = (): SigningKeyRecord[] => {
    if (Date.now() - view.at > viewMaxAgeMs) reread().catch((error: unknown) => app.log.warn({ err: error }, 'signing keys could not be re-read'))
    return view.keys
  }

  // The newest key whose activation has come; with none yet, the oldest (a first key signs at once).
  const signingKeyOf = (alg: SigningAlgorithm, keys = currentKeys()): SigningKeyRecord | undefined => {
    const ofAlg = keys.filter((key) => key.alg === alg)
    const now = Date.now()
    return ofAlg.find((key) => key.createdAt.getTime() + activationMs <= now) ?? ofAlg.at(-1)
  }
  const signingKey = async (alg: SigningAlgorithm): Promise<SigningKeyRecord> => {
    const known = signingKeyOf(alg)
    if (known) return known
    await store.addFirst(await generateSigningKey(alg))
    await reread()
    return signingKeyOf(alg)!
  }

  // One signer per key, built once: building one parses its private key.
  const accessTokenSigners = new Map<string, AccessTokenSigner>()
  const jwtSigners = new Map<string, JwtSigner>()
  const cached = <T>(signers: Map<string, T>, key: SigningKeyRecord, build: () => T): T => {
    let signer = signers.get(key.kid)
    if (signer === undefined) {
      for (const kid of signers.keys()) if (!view.keys.some((known) => known.kid === kid)) signers.delete(kid)
      signer = build()
      signers.set(key.kid, signer)
    }
    return signer
  }

  await signingKey('ES256')
  const accessTokenKey = () => signingKeyOf('ES256')!

  const signing: Signing = {
    get kid () { return accessTokenKey().kid },
    signAccessToken (claims) {
      const key = accessTokenKey()
      return cached(accessTokenSigners, key, () => accessTokenSignerOf(key))(claims)
    },
    async signer (alg) {
      const key = await signingKey(alg)
      return cached(jwtSigners, key, () => ({ alg: key.alg, kid: key.kid, key: createPrivateKey(key.privateKeyPem) }))
    },
    signingKids: () => (['ES256', 'RS256'] as const).flatMap((alg) => signingKeyOf(alg)?.kid ?? []),
    ownKeys: publishedKeySet(() => signing.jwks(), 1),
    keys: () => store.published(rotatedSince()),
    async jwks () {
      return { keys: currentKeys().map(publicJwk) }
    },
    async rotate (alg = 'ES256') {
      const key = await generateSigningKey(alg)
      await store.add(key)
      await reread()
      return key.kid
    }
  }
  app.decorate('signing', signing)

  const { rotationInterval } = app.config.signingKeys
  if (rotationInterval !== undefined) {
    const olderThan = () => new Date(Date.now() - rotationInterval * 1000)
    // Only an algorithm in use: an RS256 key is made when an id_token first needs one.
    const due = (alg: SigningAlgorithm) => (currentKeys().find((key) => key.alg === alg)?.createdAt.getTime() ?? Infinity) < olderThan().getTime()
    const schedule = rotationSchedule(app, rotationInterval * 1000, due, async (alg) => {
      if (await store.addIfOlder(await generateSigningKey(alg), olderThan())) await reread()
    })
    app.addHook('onReady', async () => schedule.check())
    app.addHook('onClose', async () => schedule.stop())
  }
}, { name: 'signing', dependencies: ['stores'] })
