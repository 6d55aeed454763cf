// One error type for every OAuth and API error; the error handler turns it into a response.
import { bearerChallenge } from '@keyhold/service-kit/bearer-challenge'
import { errorKind as kind, OAuthError } from '@keyhold/service-kit/http-error'

export { InvalidRequest, invalidRequestWith, NotFound, OAuthError, ServerError, TemporarilyUnavailable } from '@keyhold/service-kit/http-error'

export const InvalidGrant = kind(400, 'invalid_grant')
export const InvalidScope = kind(400, 'invalid_scope')
/** No token can be issued for the API the request names: malformed, unknown, or not the client's (RFC 8707 §2, RFC 8693 §2.2.2). */
export const InvalidTarget = kind(400, 'invalid_target')
export const UnauthorizedClient = kind(400, 'unauthorized_client')
export const UnsupportedGrantType = kind(400, 'unsupported_grant_type')
export const UnsupportedTokenType = kind(400, 'unsupported_token_type')
export const InvalidClientMetadata = kind(400, 'invalid_client_metadata')
export const InvalidRedirectUri = kind(400, 'invalid_redirect_uri')
export const UnsupportedResponseType = kind(400, 'unsupported_response_type')
export const InvalidRequestUri = kind(400, 'invalid_request_uri')
export const AccessDenied = kind(403, 'access_denied')
// OpenID Connect Core §3.1.2.6: what prompt=none answers instead of showing a page.
export const LoginRequired = kind(400, 'login_required')
export const ConsentRequired = kind(400, 'consent_required')
/**
 * A name another record holds (a username or email address another account has, an identifier or scope another API
 * defines): 409, with the code RFC 6749 clients already know.
 */
export const Taken = kind(409, 'invalid_request')

/** 401 with the Basic challenge whichever way the client tried, as RFC 7235 §3.1 requires of every 401. */
export class InvalidClient extends OAuthError {
  constructor (description: string) {
    super(401, 'invalid_client', description)
    this.withHeader('www-authenticate', 'Basic realm="token", charset="UTF-8"')
  }
}

export class TooManyAttempts extends OAuthError {
  constructor (retryAfterSeconds: number) {
    super(429, 'temporarily_unavailable', 'too many failed attempts; retry later')
    this.withHeader('retry-after', String(retryAfterSeconds))
  }
}

/** The admin API's answer to a missing and a wrong token alike, so the challenge says nothing of which it was. */
export class AdminTokenRequired extends OAuthError {
  constructor () {
    super(401, 'invalid_token', 'a valid admin token is required')
    this.withHeader('www-authenticate', bearerChallenge({ realm: 'admin' }))
  }
}

/** Shown for a held authorization request that is unknown, expired, already answered, or another browser's: all look alike. */
export class NoSuchAuthorization extends OAuthError {
  constructor () {
    super(400, 'invalid_request', 'This sign-in request has expired or was started in another browser. Go back to the application and start again.')
  }
}

/** A client holding as many revocation streams as it may. */
export class TooManyStreams extends OAuthError {
  constructor (description: string) {
    super(429, 'temporarily_unavailable', description)
    this.withHeader('retry-after', '5')
  }
}
