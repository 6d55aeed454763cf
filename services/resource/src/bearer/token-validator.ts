// Decides whether an access token is good for this service. A token found in the cache (by its hash)
// passed every check below within the last few seconds and is served from there; any other token gets
// a signature check against the identity service's keys (forgeries and garbage never leave the
// process), then introspection, whose active answers are cached and shared by every request that
// waits for the same token.
import { JwtRejected, verifyJwt, type JwtProblem, type KeyResolver } from '@keyhold/service-kit/jose'
import { InvalidToken, OAuthError } from '../errors.js'
import { toCaller, type Caller } from './caller.js'
import type { IdentityClient } from './identity-client.js'
import { cacheKey, type TokenCache } from './token-cache.js'

export interface TokenValidator {
  /** The caller at once for a cached token, a promise otherwise. */
  validate (token: string): Caller | Promise<Caller>
}

export interface TokenValidatorOptions {
  issuer: string
  audience: string
  identity: IdentityClient
  keys: KeyResolver
  cache: TokenCache
  /** Whether cached answers may be used: only while revocations are being heard. */
  cacheTrusted: () => boolean
}

const CLOCK_TOLERANCE_SECONDS = 5
const notActive = () => InvalidToken('the access token is not active')
const notForUs = () => InvalidToken('the access token is not meant for this resource')
const refusals: Record<JwtProblem, () => OAuthError> = {
  expired: () => InvalidToken('the access token has expired'),
  audience: notForUs,
  issuer: () => InvalidToken('the access token was not issued by the identity service'),
  invalid: () => InvalidToken('the access token is not valid')
}

const includes = (aud: string | string[] | undefined, audience: string) =>
  Array.isArray(aud) ? aud.includes(audience) : aud === audience

export function tokenValidator (opts: TokenValidatorOptions): TokenValidator {
  const inFlight = new Map<string, Promise<Caller>>()

  async function verifyLocally (token: string): Promise<string> {
    try {
      const payload = await verifyJwt(token, opts.keys, {
        typ: 'at+jwt',
        algorithms: ['ES256'],
        issuer: opts.issuer,
        audience: opts.audience,
        requiredClaims: ['jti', 'sub', 'exp'],
        clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS
      })
      return payload.jti!
    } catch (error) {
      if (error instanceof JwtRejected) throw refusals[error.problem]()
      throw error
    }
  }

  async function introspect (token: string, key: string, jti: string): Promise<Caller> {
    const claims = await opts.identity.introspect(token)
    if (!claims.active || opts.cache.isRevoked(jti)) throw notActive()
    if (!includes(claims.aud, opts.audience)) throw notForUs()
    const caller = toCaller(claims, jti)
    if (opts.cacheTrusted()) opts.cache.put(key, caller)
    return caller
  }

  async function check (token: string, key: string): Promise<Caller> {
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
