// One error type for every OAuth and API error; the error handler turns it into a response.
import { errorKind as kind, OAuthError } from '@keyhold/service-kit/http-error'

export { OAuthError }

export const InvalidRequest = kind(400, 'invalid_request')
export const InvalidGrant = kind(400, 'invalid_grant')
export const InvalidScope = kind(400, 'invalid_scope')
export const UnauthorizedClient = kind(400, 'unauthorized_client')
export const UnsupportedGrantType = kind(400, 'unsupported_grant_type')
export const UnsupportedTokenType = kind(400, 'unsupported_token_type')
export const InvalidClientMetadata = kind(400, 'invalid_client_metadata')
export const InvalidRedirectUri = kind(400, 'invalid_redirect_uri')
export const UnsupportedResponseType = kind(400, 'unsupported_response_type')
export const InvalidRequestUri = kind(400, 'invalid_request_uri')
export const AccessDenied = kind(403, 'access_denied')
export const NotFound = kind(404, 'not_found')

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

export class TemporarilyUnavailable extends OAuthError {
  constructor (description = 'the service is temporarily unavailable') {
    super(503, 'temporarily_unavailable', description)
    this.withHeader('retry-after', '5')
  }
}
