// Decides whether an access token is good for this API. A token found in the cache (by its hash) passed every
// check below within the last few seconds and is served from there; any other token gets a signature check
// against the identity service's keys (forgeries and garbage never leave the process), then introspection, whose
// active answers are cached and shared by every request that waits for the same token.
import { errors, jwtVerify } from 'jose'
import { toAccessToken, type AccessToken } from './access-token.js'
import { invalidToken, type BearerFailure } from './errors.js'
import type { IdentityClient } from './identity-client.js'
import { UnknownSigningKey, type KeyResolver } from './signing-keys.js'
import { cacheKey, type TokenCache } from './token-cache.js'

export interface TokenValidator {
  /** The token's claims at once for a cached token, a promise otherwise. */
  validate (token: string): AccessToken | Promise<AccessToken>
}

export interface TokenValidatorOptions {
  issuer: string
  audience: string
  realm: string
  identity: IdentityClient
  keys: KeyResolver
  cache: TokenCache
  /** Whether cached answers may be used: only while no revocation can have been missed. */
  cacheTrusted: () => boolean
}

const CLOCK_TOLERANCE_SECONDS = 5

const includes = (aud: string | string[] | undefined, audience: string) =>
  Array.isArray(aud) ? aud.includes(audience) : aud === audience

export function tokenValidator (opts: TokenValidatorOptions): TokenValidator {
  const inFlight = new Map<string, Promise<AccessToken>>()
  const refused = (description: string) => () => invalidToken(opts.realm, description)
  const notActive = refused('the access token is not active')
  const notForUs = refused('the access token is not meant for this resource')
  const notValid = refused('the access token is not valid')

  function refusal (error: unknown): BearerFailure | undefined {
    if (error instanceof errors.JWTExpired) return invalidToken(opts.realm, 'the access token has expired')
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return notForUs()
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
      return invalidToken(opts.realm, 'the access token was not issued by the identity service')
    }
    if (error instanceof errors.JOSEError || error instanceof UnknownSigningKey) return notValid()
    // The keys could not be fetched: not the token's fault, and not to be answered as if it were.
    return undefined
  }

  async function verifyLocally (token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, opts.keys, {
        typ: 'at+jwt',
        algorithms: ['ES256'],
        issuer: opts.issuer,
        audience: opts.audience,
        requiredClaims: ['jti', 'sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS
      })
      return payload.jti!
    } catch (error) {
      throw refusal(error) ?? error
    }
  }

  async function introspect (token: string, key: string, jti: string): Promise<AccessToken> {
    const claims = await opts.identity.introspect(token)
    if (!claims.active || opts.cache.isRevoked(jti)) throw notActive()
    if (!includes(claims.aud, opts.audience)) throw notForUs()
    const accepted = toAccessToken(claims, jti)
    if (opts.cacheTrusted()) opts.cache.put(key, accepted)
    return accepted
  }

  async function check (token: string, key: string): Promise<AccessToken> {
    const jti = await verifyLocally(token)
    if (opts.cache.isRevoked(jti)) throw notActive()

    let pending = inFlight.get(key)
    if (!pending) {
      pending = introspect(token, key, jti).finally(() => inFlight.delete(key))
      inFlight.set(key, pending)
    }
    return pending
  }

  return {
    validate (token) {
      // An entry exists only for a token that passed the signature, claim and introspection checks; it
      // never outlives the token's exp and a revocation removes it, so a hit needs no second look.
      const key = cacheKey(token)
      const cached = opts.cacheTrusted() ? opts.cache.get(key) : undefined
      return cached ?? check(token, key)
    }
  }
}
