// OAuth-style errors (RFC 6749 §5.2 bodies) and the one error handler that turns every failure into such a response.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

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
        (isDataException(error) ? new OAuthError(400, 'invalid_request', 'a parameter holds a value that cannot be stored') : undefined)
      if (answer) {
        if (answer.status >= 500) request.log.warn({ err: error }, 'dependency unavailable')
        return sendError(reply, answer)
      }
      request.log.error({ err: error }, 'unexpected error')
      return sendError(reply, new OAuthError(500, 'server_error', 'internal server error'))
    })

    app.setNotFoundHandler((_request, reply) => {
      return sendError(reply, new OAuthError(404, 'not_found', 'no route for this method and path'))
    })
  }, { name: 'error-handler' })
}

/**
 * Router failures that happen before any route or hook (Fastify's `frameworkErrors` option): the same error
 * bodies, where Fastify's own would repeat the URL.
 */
export function frameworkErrors (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, new OAuthError(414, 'invalid_request', 'a path segment is too long'))
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, new OAuthError(400, 'invalid_request', 'the URL is malformed'))
  return sendError(reply, new OAuthError(400, 'invalid_request', 'the request could not be routed'))
}
