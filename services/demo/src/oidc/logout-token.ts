// Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4, §2.6): a JWT the identity service posts when a session
// ends. Accepted only when signed by the issuer with the algorithm the demo registered, typed logout+jwt, for this
// client, recent, carrying the back-channel event and a sid or sub, no nonce, and never seen before.
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { UpstreamUnavailable } from '../http.js'
import type { LogoutSubject } from '../session/store.js'
import { ReplayCache } from './replay-cache.js'

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'
export const LOGOUT_TOKEN_TYPE = 'logout+jwt'

/**
 * How old a logout token may be (its `iat`): Keyhold signs each one once and, when the demo is down, delivers it
 * again for about forty minutes, within the hour its tokens live.
 */
export const MAX_AGE_SECONDS = 60 * 60
const CLOCK_TOLERANCE_SECONDS = 30
const REMEMBERED_IDS = 10_000

/** The token is not a valid logout token for this client; the description says which check failed, never what it held. */
export class LogoutTokenRejected extends Error {
  override name = 'LogoutTokenRejected'
}

/** The token could not be checked, since the issuer's keys could not be had: not the token's fault. */
export class LogoutTokenUnchecked extends Error {
  override name = 'LogoutTokenUnchecked'
  constructor (cause: unknown) {
    super('the identity service\'s keys could not be fetched', { cause })
  }
}

export interface LogoutTokenExpectations {
  issuer: string
  clientId: string
  alg: string
  keys: () => Promise<JWTVerifyGetKey>
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What jose refused, in words for error_description. */
function describe (error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the logout token has expired or is too old'
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'typ') return `the logout token is not typed ${LOGOUT_TOKEN_TYPE}`
    if (error.claim === 'iss') return 'the logout token is from another issuer'
    if (error.claim === 'aud') return 'the logout token is for another client'
    return `the logout token's ${error.claim} claim is missing or invalid`
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the logout token is not signed with the registered algorithm'
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'the logout token\'s signature does not verify with the issuer\'s keys'
  }
  return 'the logout token is not a well-formed signed JWT'
}

/** jose could not fetch the key set. */
const keysUnavailable = (error: unknown): boolean =>
  error instanceof UpstreamUnavailable || error instanceof errors.JWKSTimeout ||
  (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')

export class LogoutTokens {
  readonly #seen: ReplayCache

  constructor (private readonly expected: LogoutTokenExpectations, private readonly now: () => number = Date.now) {
    this.#seen = new ReplayCache(REMEMBERED_IDS, now)
  }

  /** Whose sessions `token` ends; throws LogoutTokenRejected, or LogoutTokenUnchecked. */
  async verify (token: string): Promise<LogoutSubject> {
    const payload = await this.#verified(token)
    if (payload.nonce !== undefined) throw new LogoutTokenRejected('the logout token carries a nonce, as only an id_token may')
    if (!isObject(payload.events) || !isObject(payload.events[BACKCHANNEL_LOGOUT_EVENT])) {
      throw new LogoutTokenRejected('the logout token does not carry the back-channel logout event')
    }
    const { sid, sub, jti } = payload
    if ((sid !== undefined && typeof sid !== 'string') || (sub !== undefined && typeof sub !== 'string')) {
      throw new LogoutTokenRejected('the logout token\'s sid or sub is not a string')
    }
    if (sid === undefined && sub === undefined) throw new LogoutTokenRejected('the logout token names neither a sid nor a sub')
    if (typeof jti !== 'string' || jti === '') throw new LogoutTokenRejected('the logout token has no jti')
    // Remembered while the token would be accepted: until it expires or grows too old, whichever is first.
    const acceptedUntil = Math.min(payload.exp!, payload.iat! + MAX_AGE_SECONDS) + CLOCK_TOLERANCE_SECONDS
    if (!this.#seen.use(jti, acceptedUntil * 1000)) throw new LogoutTokenRejected('the logout token was used before')
    return { ...(sid !== undefined && { sid }), ...(sub !== undefined && { sub }) }
  }

  async #verified (token: string): Promise<JWTPayload> {
    const { issuer, clientId, alg } = this.expected
    let keys: JWTVerifyGetKey
    try {
      keys = await this.expected.keys()
    } catch (cause) {
      throw new LogoutTokenUnchecked(cause)
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience: clientId,
        algorithms: [alg],
        typ: LOGOUT_TOKEN_TYPE,
        requiredClaims: ['iat', 'exp', 'jti', 'events'],
        maxTokenAge: MAX_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now())
      })
      return payload
    } catch (error) {
      if (keysUnavailable(error)) throw new LogoutTokenUnchecked(error)
      if (error instanceof errors.JOSEError) throw new LogoutTokenRejected(describe(error))
      throw error
    }
  }
}
