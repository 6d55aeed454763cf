// One error type for every API and bearer-token error; the error handler turns it into a response.
import { BearerError, BearerRequired } from '@keyhold/service-kit/bearer-challenge'
import { errorKind as kind } from '@keyhold/service-kit/http-error'

export { InvalidRequest, invalidRequestWith, NotFound, OAuthError, ServerError, TemporarilyUnavailable } from '@keyhold/service-kit/http-error'

export const NotAcceptable = kind(406, 'not_acceptable')
export const Conflict = kind(409, 'conflict')

export const REALM = 'keyhold'

/** No credentials at all: a bare challenge (RFC 6750 §3.1). */
export class TokenRequired extends BearerRequired {
  constructor (description?: string) {
    super(REALM, description)
  }
}

export const MalformedBearerRequest = (description: string) => new BearerError(REALM, 400, 'invalid_request', description)
export const InvalidToken = (description: string) => new BearerError(REALM, 401, 'invalid_token', description)
export const InsufficientScope = (scope: string) =>
  new BearerError(REALM, 403, 'insufficient_scope', `this request needs the scope '${scope}'`, scope)
