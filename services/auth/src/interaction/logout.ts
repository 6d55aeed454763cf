// GET and POST /logout, the end_session_endpoint (OpenID Connect RP-Initiated Logout 1.0): ends the browser session,
// then returns to the client only at a post-logout redirect URI it registered. A request that proves which session it
// comes from (an id_token_hint of this very session) signs out at once; any other is confirmed by the user first, so
// that no page elsewhere can sign a user out (logout CSRF).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { LogoutForm, LogoutParameters } from '@keyhold/contracts'
import { checkLogoutRequest, type LogoutRequest } from '../oauth/logout/logout-request.js'
import { formToken } from './csrf.js'
import { logoutPage, signedOutPage } from './pages.js'
import { currentSession, endSession, type Session } from './session.js'

const provesSession = ({ hint }: LogoutRequest, session: Session): boolean =>
  hint !== undefined && hint.sub === session.user.id && hint.sid !== undefined && hint.sid === session.authentication.sid

async function logout (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, parameters: LogoutParameters) {
  const logoutRequest = await checkLogoutRequest(app, parameters)
  const session = await currentSession(app, request)
  if (session && !provesSession(logoutRequest, session)) {
    return reply.type('text/html').send(logoutPage({
      csrf: formToken(request, reply, 'logout'),
      username: session.user.username,
      ...(logoutRequest.client && { clientName: logoutRequest.client.name }),
      parameters
    }))
  }
  if (session) await endSession(app, request, reply)
  if (logoutRequest.returnTo !== undefined) return reply.redirect(logoutRequest.returnTo, request.method === 'POST' ? 303 : 302)
  return reply.type('text/html').send(signedOutPage())
}

export default async function logoutRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: LogoutParameters }>('/logout', { schema: { querystring: LogoutParameters } }, async (request, reply) =>
    logout(app, request, reply, request.query))

  app.post<{ Body: LogoutForm }>('/logout', {
    schema: { body: LogoutForm },
    // A client may send the browser here by POST too, without our form's token: that is a request to confirm, as by
    // GET. A post carrying a token is the confirmation form's, and must carry the right one.
    preValidation: async (request) => { request.body ??= {} },
    preHandler: (request, reply, done) => request.body._csrf === undefined ? done() : app.csrfProtection(request, reply, done)
  }, async (request, reply) => {
    const { _csrf: confirmed, ...parameters } = request.body
    if (confirmed === undefined) return logout(app, request, reply, parameters)
    const logoutRequest = await checkLogoutRequest(app, parameters)
    await endSession(app, request, reply)
    return reply.redirect(logoutRequest.returnTo ?? '/logout', 303)
  })
}
