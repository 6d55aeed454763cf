// The one place that turns failures into pages: bad input → 400, the identity service unreachable or
// refusing → 502, anything else → a generic 500. Details go to the log, never to the page.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { UpstreamUnavailable } from '../http.js'
import { IdentityServiceError } from '../oidc/errors.js'
import { errorPage } from '../views/pages.js'
import { withSecurityHeaders } from './security-headers.js'

const notUnderstood = () => errorPage('That request was not understood', 'Please go back and try again.', false)

/**
 * Router failures before any route or hook (Fastify's `frameworkErrors`): the 400 page, never Fastify's body quoting
 * the URL. No onSend hook runs for them, so the page headers are set here.
 */
export function frameworkErrorPage (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return withSecurityHeaders(reply).code(400).type('text/html; charset=utf-8').send(notUnderstood())
}

export default fp(async function errorPages (app: FastifyInstance) {
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).type('text/html; charset=utf-8').send(errorPage('Page not found', 'There is nothing at this address.', false)))

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    reply.type('text/html; charset=utf-8')
    if (error.validation || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
      return reply.code(error.statusCode ?? 400).send(notUnderstood())
    }
    if (error instanceof IdentityServiceError) {
      request.log.warn({ status: error.status, error: error.error, description: error.description }, 'identity service refused or answered wrongly')
      return reply.code(502).send(errorPage('Sign-in could not be completed', error.refused
        ? 'Keyhold did not accept this sign-in. Please try again.'
        : 'The answer from Keyhold could not be verified. Please try again.'))
    }
    if (error instanceof UpstreamUnavailable) {
      request.log.warn({ origin: error.origin, cause: String(error.cause) }, 'upstream unavailable')
      return reply.code(502).send(errorPage('Keyhold is unavailable', 'A service this app relies on did not answer. Please try again in a moment.'))
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send(errorPage('Something went wrong', 'Please try again in a moment.', false))
  })
}, { name: 'demo-error-pages' })
