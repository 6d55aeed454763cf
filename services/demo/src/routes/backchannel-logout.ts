// POST /backchannel-logout (OpenID Connect Back-Channel Logout 1.0 §2.5, §2.8): the identity service says a session
// ended; the demo ends its own sessions for it. A server-to-server call, not a browser form: no cookie is read or
// set and no CSRF token is asked for; the signed logout token is the proof. Answers are JSON, never pages.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { OAuthErrorBody } from '@keyhold/contracts'
import Type, { type Static } from 'typebox'
import { LogoutTokenRejected, LogoutTokenUnchecked, type LogoutTokens } from '../oidc/logout-token.js'

const LogoutForm = Type.Object({ logout_token: Type.String({ minLength: 1, maxLength: 8000 }) })

/** The request was not a logout request this route can read: a missing token, another content type, too large. */
function notUnderstood (error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.code(400).send({ error: 'invalid_request', error_description: 'the body must be a form with one logout_token' })
  }
  request.log.error({ err: error }, 'back-channel logout failed')
  return reply.code(500).send({ error: 'server_error' })
}

export default async function backchannelLogoutRoutes (app: FastifyInstance, opts: { logoutTokens: LogoutTokens }): Promise<void> {
  app.post<{ Body: Static<typeof LogoutForm> }>('/backchannel-logout', {
    config: { sessionless: true },
    schema: { body: LogoutForm, response: { 400: OAuthErrorBody, 503: OAuthErrorBody } },
    errorHandler: notUnderstood
  }, async (request, reply) => {
    // §2.8: the answer is not to be cached, whatever it is.
    reply.header('cache-control', 'no-store')
    let subject
    try {
      subject = await opts.logoutTokens.verify(request.body.logout_token)
    } catch (error) {
      if (error instanceof LogoutTokenRejected) {
        request.log.warn({ reason: error.message }, 'logout token refused')
        return reply.code(400).send({ error: 'invalid_request', error_description: error.message })
      }
      if (!(error instanceof LogoutTokenUnchecked)) throw error
      // Not the sender's error, and a retry may succeed: 503 rather than §2.8's 400 for a bad request.
      request.log.warn({ err: error.cause }, 'logout token not checked')
      return reply.code(503).send({ error: 'temporarily_unavailable', error_description: error.message })
    }
    const ended = app.sessions.endSessionsOf(subject)
    request.log.info({ ended }, 'back-channel logout')
    return reply.code(200).send()
  })
}
