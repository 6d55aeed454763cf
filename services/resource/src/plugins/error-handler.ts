// The one place errors become responses: `{error, error_description}` bodies, no stack traces,
// 503 when the database is away.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { errorHandlerPlugin, sendError } from '@keyhold/service-kit/http-error'
import { isUnavailable } from '@keyhold/service-kit/unavailable'
import { InvalidRequest, OAuthError, TemporarilyUnavailable } from '../errors.js'

const PLACES: Record<string, string> = { body: 'field', querystring: 'query parameter', params: 'path parameter', headers: 'header' }

function toOAuthError (error: FastifyError): OAuthError | undefined {
  if (error instanceof OAuthError) return error
  if (error.validation) return new InvalidRequest(describable(describeValidation(error)))
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new OAuthError(413, 'invalid_request', 'request body is too large')
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new OAuthError(415, 'invalid_request', 'the body must be application/json')
  if (isUnavailable(error)) return new TemporarilyUnavailable()
  // JSON.parse's message quotes the body it choked on; nothing of the request is echoed back.
  if (error instanceof SyntaxError && error.statusCode === 400) return new InvalidRequest('the body is not valid JSON')
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new OAuthError(status, 'invalid_request', describable(error.message))
  return undefined
}

// RFC 6749 §5.2 / RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E. Schema messages quote
// with `"` (must match format "uuid"): `"` becomes `'`, anything else outside the set `?`.
const describable = (text: string) => text.replaceAll('"', "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?')

function describeValidation (error: FastifyError): string {
  const [first] = error.validation ?? []
  if (!first) return 'invalid request'
  const place = PLACES[error.validationContext ?? ''] ?? 'parameter'
  const missing = (first.params as { missingProperty?: string }).missingProperty
  if (missing) return `missing ${place} '${missing}'`
  const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.')
  const problem = first.keyword === 'pattern' ? 'is malformed' : first.message
  return field ? `${place} '${field}' ${problem}` : `${error.validationContext ?? 'request'} ${problem}`
}

/** Router failures that happen before any route or hook (Fastify's `frameworkErrors`): the same error bodies. */
export function frameworkErrors (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, new OAuthError(414, 'invalid_request', 'a path segment is too long'))
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, new InvalidRequest('the URL is malformed'))
  return sendError(reply, new InvalidRequest('the request could not be routed'))
}

export default errorHandlerPlugin(toOAuthError)
