// The one place errors become responses: OAuth-shaped bodies, no stack traces, 503 when a store is away.
import type { FastifyError, FastifyRequest } from 'fastify'
import { errorHandlerPlugin } from '@keyhold/service-kit/http-error'
import { isUnavailable } from '@keyhold/service-kit/unavailable'
import { InvalidRequest, OAuthError, TemporarilyUnavailable } from '../oauth/errors.js'
import { StoreFullError } from '../storage/memory/index.js'

export function toOAuthError (error: FastifyError, request?: FastifyRequest): OAuthError | undefined {
  if (error instanceof OAuthError) return error
  if (error.validation) return new InvalidRequest(describeValidation(error))
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new OAuthError(413, 'invalid_request', 'request body is too large')
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new InvalidRequest(unsupportedContentType(request?.headers['content-type']))
  }
  if (isUnavailable(error)) return new TemporarilyUnavailable()
  if (error instanceof StoreFullError) return new TemporarilyUnavailable('the service is busy; retry later')
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new OAuthError(status, 'invalid_request', error.message)
  return undefined
}

// Commonly sent types that endpoints refuse, which an error may name: any other type would be request input.
const NAMED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/json', 'application/x-www-form-urlencoded', 'application/xml', 'application/octet-stream',
  'multipart/form-data', 'text/plain', 'text/xml', 'text/html'
])

// Fastify's message does not name the type, so it is read from the request, and named only when it is a known one.
function unsupportedContentType (header: string | undefined): string {
  const type = header?.split(';')[0]?.trim().toLowerCase()
  return type !== undefined && NAMED_CONTENT_TYPES.has(type) ? `unsupported content type '${type}'` : 'unsupported content type'
}

function describeValidation (error: FastifyError): string {
  const [first] = error.validation ?? []
  if (!first) return 'invalid request'
  const missing = (first.params as { missingProperty?: string }).missingProperty
  const context = error.validationContext ?? 'request'
  if (missing) return `missing ${context} parameter '${missing}'`
  const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.')
  const problem = first.keyword === 'pattern' ? 'is malformed' : first.message
  return field ? `${context} parameter '${field}' ${problem}` : `${context} ${problem}`
}

export default errorHandlerPlugin(toOAuthError)
