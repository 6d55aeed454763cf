// One error type for every API error; the error handler turns it into a response. Bearer-token refusals are
// answered by @keyhold/fastify itself.
import { errorKind as kind } from '@keyhold/service-kit/http-error'

export { InvalidRequest, invalidRequestWith, NotFound, OAuthError, ServerError, TemporarilyUnavailable } from '@keyhold/service-kit/http-error'

export const NotAcceptable = kind(406, 'not_acceptable')
export const Conflict = kind(409, 'conflict')
