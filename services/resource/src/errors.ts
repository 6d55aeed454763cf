// One error type for every API and bearer-token error; the error handler turns it into a response.
import { errorKind as kind, OAuthError } from '@keyhold/service-kit/http-error'

export { OAuthError }

export const InvalidRequest = kind(400, 'invalid_request')
export const NotFound = kind(404, 'not_found')
export const NotAcceptable = kind(406, 'not_acceptable')
export const Conflict = kind(409, 'conflict')

export class TemporarilyUnavailable extends OAuthError {
  constructor (description = 'the service is temporarily unavailable') {
    super(503, 'temporarily_unavailable', description)
    this.withHeader('retry-after', '5')
  }
}

export const REALM = 'keyhold'
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`

/** A failed bearer-token check (RFC 6750 §3): the same error in the body and in `WWW-Authenticate`. */
export class BearerError extends OAuthError {
  constructor (status: number, error: string, description: string, scope?: string) {
    super(status, error, description)
    const params = [`realm=${quoted(REALM)}`, `error=${quoted(error)}`, `error_description=${quoted(this.description!)}`]
    if (scope) params.push(`scope=${quoted(scope)}`)
    this.withHeader('www-authenticate', `Bearer ${params.join(', ')}`)
  }
}

/** No credentials at all: RFC 6750 §3.1 asks for a bare challenge with no error code in it. */
export class TokenRequired extends OAuthError {
  constructor (description = 'a bearer access token is required') {
    super(401, 'unauthorized', description)
    this.withHeader('www-authenticate', `Bearer realm=${quoted(REALM)}`)
  }
}

export const MalformedBearerRequest = (description: string) => new BearerError(400, 'invalid_request', description)
export const InvalidToken = (description: string) => new BearerError(401, 'invalid_token', description)
export const InsufficientScope = (scope: string) =>
  new BearerError(403, 'insufficient_scope', `this request needs the scope '${scope}'`, scope)
