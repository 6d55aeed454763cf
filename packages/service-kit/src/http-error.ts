// OAuth-style errors (RFC 6749 §5.2 bodies) and the one error handler that turns every failure into such a response.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export class OAuthError extends Error {
  readonly headers: Record<string, string> = {}

  constructor (
    readonly status: number,
    readonly error: string,
    readonly description?: string
  ) {
    super(description ?? error)
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

// RFC 6749 §5.2 allows %x20-21 / %x23-5B / %x5D-7E in error_description; a description that quotes
// a request (a path, a parameter) may hold anything else.
const outsideDescriptionCharset = /[^\x20\x21\x23-\x5B\x5D-\x7E]/g

// The type is set rather than guessed: a route that answers in another type (XML, HTML) still fails in JSON.
export function sendError (reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply.code(error.status).headers(error.headers).type('application/json; charset=utf-8').send({
    error: error.error,
    ...(error.description && { error_description: error.description.replace(outsideDescriptionCharset, '?') })
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

    app.setNotFoundHandler((request, reply) => {
      return sendError(reply, new OAuthError(404, 'not_found', `no route for ${request.method} ${request.url.split('?')[0]}`))
    })
  }, { name: 'error-handler' })
}
