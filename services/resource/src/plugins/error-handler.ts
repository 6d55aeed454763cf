// The one place errors become responses: `{error, error_description}` bodies, no stack traces,
// 503 when the database is away.
import type { FastifyError } from 'fastify'
import { errorHandlerPlugin } from '@keyhold/service-kit/http-error'
import { isUnavailable } from '@keyhold/service-kit/unavailable'
import { InvalidRequest, OAuthError, TemporarilyUnavailable } from '../errors.js'

const PLACES: Record<string, string> = { body: 'field', querystring: 'query parameter', params: 'path parameter', headers: 'header' }

function toOAuthError (error: FastifyError): OAuthError | undefined {
  if (error instanceof OAuthError) return error
  if (error.validation) return new InvalidRequest(describeValidation(error))
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new OAuthError(413, 'invalid_request', 'request body is too large')
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new OAuthError(415, 'invalid_request', 'the body must be application/json')
  if (isUnavailable(error)) return new TemporarilyUnavailable()
  // JSON.parse's message quotes the body it choked on; nothing of the request is echoed back.
  if (error instanceof SyntaxError && error.statusCode === 400) return new InvalidRequest('the body is not valid JSON')
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new OAuthError(status, 'invalid_request', error.message)
  return undefined
}

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

export default errorHandlerPlugin(toOAuthError)
