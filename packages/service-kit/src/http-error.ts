// OAuth-style errors (RFC 6749 §5.2 bodies) and the one error handler that turns every failure into such a response.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isUnavailable } from './unavailable.js'

// RFC 6749 §5.2 (and RFC 6750 §3) allow %x20-21 / %x23-5B / %x5D-7E in error_description.
const OUTSIDE_DESCRIPTION_CHARACTERS = /[^\x20\x21\x23-\x5B\x5D-\x7E]/g

/**
 * A description within RFC 6749's characters: `"` becomes `'` (schema messages quote with it), anything else
 * outside the set `?`. Descriptions never carry request input; this keeps one that slipped through harmless
 * in a JSON body, a redirect URI and a quoted WWW-Authenticate parameter alike.
 */
export const describable = (text: string): string => text.replaceAll('"', "'").replace(OUTSIDE_DESCRIPTION_CHARACTERS, '?')

export class OAuthError extends Error {
  readonly headers: Record<string, string> = {}
  readonly description: string | undefined

  constructor (
    readonly status: number,
    readonly error: string,
    description?: string
  ) {
    const described = description === undefined ? undefined : describable(description)
    super(described ?? error)
    // Logs and stack traces name the error by its code: `invalid_grant: the code has expired`.
    this.name = error
    this.description = described
  }

  withHeader (name: string, value: string): this {
    this.headers[name] = value
    return this
  }
}

/** A subclass for one error code at one status: `const InvalidRequest = errorKind(400, 'invalid_request')`. */
export const errorKind = (status: number, error: string) => class extends OAuthError {
  constructor (description?: string) { super(status, error, description) }
}

export const InvalidRequest = errorKind(400, 'invalid_request')
export const NotFound = errorKind(404, 'not_found')
export const ServerError = errorKind(500, 'server_error')

/** A request refused with a status other than 400 that still names invalid_request (413, 414, 415, …). */
export const invalidRequestWith = (status: number, description: string): OAuthError => new OAuthError(status, 'invalid_request', description)

export class TemporarilyUnavailable extends OAuthError {
  constructor (description = 'the service is temporarily unavailable') {
    super(503, 'temporarily_unavailable', description)
    this.withHeader('retry-after', '5')
  }
}

// The type is set rather than guessed: a route that answers in another type (XML, HTML) still fails in JSON.
export function sendError (reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply.code(error.status).headers(error.headers).type('application/json; charset=utf-8').send({
    error: error.error,
    ...(error.description && { error_description: error.description })
  })
}

// SQLSTATE class 22 (data exception): a value the database cannot take, such as a NUL byte in text,
// which only a request can have brought.
const isDataException = (error: unknown): boolean =>
  typeof (error as { code?: unknown }).code === 'string' && /^22[0-9A-Z]{3}$/.test((error as { code: string }).code)

/**
 * The `error-handler` plugin. `known` maps a failure to the OAuthError it stands for; anything it does not
 * know is logged and answered with a generic server_error, so no stack or internal message ever leaves.
 */
export function errorHandlerPlugin (known: (error: FastifyError, request: FastifyRequest) => OAuthError | undefined): FastifyPluginAsync {
  return fp(async (app) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const answer = known(error, request) ??
        (isDataException(error) ? new InvalidRequest('a parameter holds a value that cannot be stored') : undefined)
      if (answer) {
        if (answer.status >= 500) request.log.warn({ err: error }, 'dependency unavailable')
        return sendError(reply, answer)
      }
      request.log.error({ err: error }, 'unexpected error')
      return sendError(reply, new ServerError('internal server error'))
    })

    app.setNotFoundHandler((_request, reply) => {
      return sendError(reply, new NotFound('no route for this method and path'))
    })
  }, { name: 'error-handler' })
}

/**
 * Router failures that happen before any route or hook (Fastify's `frameworkErrors` option): the same error
 * bodies, where Fastify's own would repeat the URL.
 */
export function frameworkErrors (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, invalidRequestWith(414, 'a path segment is too long'))
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, new InvalidRequest('the URL is malformed'))
  return sendError(reply, new InvalidRequest('the request could not be routed'))
}

export interface FrameworkErrorRules {
  /** How a validation failure names where the bad value was, by Fastify's context (`body`, `querystring`, …). */
  places?: Record<string, string>
  /** A body of a type the route does not parse: OAuth endpoints answer 400 (RFC 6749), JSON APIs 415. */
  unsupportedMediaType: (request: FastifyRequest | undefined) => OAuthError
}

/**
 * Maps what Fastify and the stores throw to the OAuthError it stands for, the same way in every service: a
 * validation failure names the field but never its value, JSON that does not parse is not quoted back, an
 * unreachable store is 503. Undefined for anything else, which the handler answers as a server error.
 */
export function frameworkErrorMapping (rules: FrameworkErrorRules): (error: FastifyError, request?: FastifyRequest) => OAuthError | undefined {
  return (error, request) => {
    if (error instanceof OAuthError) return error
    if (error.validation) return new InvalidRequest(describeValidation(error, rules.places ?? {}))
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return invalidRequestWith(413, 'request body is too large')
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return rules.unsupportedMediaType(request)
    if (isUnavailable(error)) return new TemporarilyUnavailable()
    // JSON.parse's message quotes the body it choked on; nothing of the request is echoed back.
    if (error instanceof SyntaxError && error.statusCode === 400) return new InvalidRequest('the body is not valid JSON')
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return invalidRequestWith(status, error.message)
    return undefined
  }
}

function describeValidation (error: FastifyError, places: Record<string, string>): string {
  const [first] = error.validation ?? []
  if (!first) return 'invalid request'
  const context = error.validationContext ?? 'request'
  const place = places[context] ?? `${context} parameter`
  const missing = (first.params as { missingProperty?: string }).missingProperty
  if (missing) return `missing ${place} '${missing}'`
  const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.')
  const problem = first.keyword === 'pattern' ? 'is malformed' : first.message
  return field ? `${place} '${field}' ${problem}` : `${context} ${problem}`
}

/** The error handler of a JSON API: `{error, error_description}` bodies, 415 for a body that is not JSON. */
export const jsonApiErrorHandler = (): FastifyPluginAsync => errorHandlerPlugin(frameworkErrorMapping({
  places: { body: 'field', querystring: 'query parameter', params: 'path parameter', headers: 'header' },
  unsupportedMediaType: () => invalidRequestWith(415, 'the body must be application/json')
}))
