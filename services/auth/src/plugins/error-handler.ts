// The one place errors become responses: OAuth-shaped bodies, no stack traces, 503 when a store is away.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { InvalidRequest, NotFound, OAuthError, TemporarilyUnavailable } from '../oauth/errors.js'
import { isUnavailable } from '../storage/unavailable.js'

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
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) return new OAuthError(status, 'invalid_request', error.message)
  return undefined
}

// Fastify's message does not name the type, so it is read from the request; named only when it is a plain
// media type, which keeps the description within RFC 6749's character set (no quotes, no backslashes).
function unsupportedContentType (header: string | undefined): string {
  const type = header?.split(';')[0]?.trim()
  return type !== undefined && /^[\w.+-]{1,64}\/[\w.+-]{1,64}$/.test(type) ? `unsupported content type '${type}'` : 'unsupported content type'
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

export function sendError (reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply.code(error.status).headers(error.headers).send({
    error: error.error,
    ...(error.description && { error_description: error.description })
  })
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toOAuthError(error, request)
    if (known) {
      if (known.status >= 500) request.log.warn({ err: error }, 'dependency unavailable')
      return sendError(reply, known)
    }
    request.log.error({ err: error }, 'unexpected error')
    return sendError(reply, new OAuthError(500, 'server_error', 'internal server error'))
  })

  app.setNotFoundHandler((request, reply) => {
    return sendError(reply, new NotFound(`no route for ${request.method} ${request.url.split('?')[0]}`))
  })
}, { name: 'error-handler' })
