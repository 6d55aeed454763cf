// What went wrong between the demo and the identity service, in the demo's terms: openid-client's errors are
// turned into these in one place, so routes and pages never depend on the library's error classes.
import { ClientError, ResponseBodyError, WWWAuthenticateChallengeError } from 'openid-client'
import { UpstreamUnavailable } from '../http.js'

/**
 * The identity service said no (an RFC 6749 §5.2 error such as `invalid_grant`), or answered in a way the protocol
 * does not allow: `invalid_response` covers an id_token that fails its checks (signature, iss, aud, exp, nonce …).
 */
export class IdentityServiceError extends Error {
  override name = 'IdentityServiceError'
  constructor (readonly error: string, readonly status?: number, readonly description?: string) {
    super(`the identity service ${status !== undefined ? `answered ${status} ` : ''}${error}${description ? `: ${description}` : ''}`)
  }

  /** The identity service refused the request, as opposed to an answer the demo refused. */
  get refused (): boolean {
    return this.error !== 'invalid_response'
  }
}

/** The UpstreamUnavailable a library error wraps, however deep. */
function unavailableCause (error: unknown): UpstreamUnavailable | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof UpstreamUnavailable) return cause
  }
  return undefined
}

/** `error` from openid-client (or our fetch under it) as one of the demo's errors; programming errors pass through. */
export function fromLibrary (error: unknown, origin: string): unknown {
  const unavailable = unavailableCause(error)
  if (unavailable) return unavailable
  if (error instanceof ResponseBodyError) return new IdentityServiceError(error.error, error.status, error.error_description)
  if (error instanceof WWWAuthenticateChallengeError) {
    return new IdentityServiceError(error.cause[0]?.parameters.error ?? 'invalid_token', error.status)
  }
  if (error instanceof ClientError) {
    // The library's own time limit (our pool's is a connection failure, above).
    if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') return new UpstreamUnavailable(origin, { cause: error })
    return new IdentityServiceError('invalid_response', undefined, error.message)
  }
  return error
}
