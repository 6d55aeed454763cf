// The one place errors become responses: OAuth-shaped bodies, no stack traces, 503 when a store is away or full.
import type { FastifyError, FastifyRequest } from 'fastify'
import { errorHandlerPlugin, frameworkErrorMapping } from '@keyhold/service-kit/http-error'
import { InvalidRequest, invalidRequestWith, OAuthError, TemporarilyUnavailable } from '../errors.js'
import { StoreFullError } from '../storage/memory/index.js'

const FORM = 'application/x-www-form-urlencoded'

// Commonly sent types that endpoints refuse, which an error may name: any other type would be request input.
const NAMED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/json', 'application/x-www-form-urlencoded', 'application/xml', 'application/octet-stream',
  'multipart/form-data', 'text/plain', 'text/xml', 'text/html'
])

// OAuth endpoints and pages take forms and answer another type 400 (RFC 6749 §5.2); the JSON APIs answer 415.
// Fastify's message does not name the type, so it is read from the request, and named only when it is a known one.
function unsupportedContentType (request: FastifyRequest | undefined): OAuthError {
  if (request && !request.server.hasContentTypeParser(FORM)) return invalidRequestWith(415, 'the body must be application/json')
  const type = request?.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  return new InvalidRequest(type !== undefined && NAMED_CONTENT_TYPES.has(type) ? `unsupported content type '${type}'` : 'unsupported content type')
}

const frameworkError = frameworkErrorMapping({ unsupportedMediaType: unsupportedContentType })

export function toOAuthError (error: FastifyError, request?: FastifyRequest): OAuthError | undefined {
  if (error instanceof StoreFullError) return new TemporarilyUnavailable('the service is busy; retry later')
  return frameworkError(error, request)
}

export default errorHandlerPlugin(toOAuthError)
