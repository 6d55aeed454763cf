// GET and POST /logout: ends the browser session; returns only to a redirect URI the named client registered.
import type { FastifyInstance } from 'fastify'
import { LogoutForm, LogoutParameters } from '@keyhold/contracts'
import { isRegistrableRedirectUri } from '../clients/redirect-uri.js'
import { formToken } from './csrf.js'
import { logoutPage, signedOutPage } from './pages.js'
import { currentSession, endSession } from './session.js'

async function postLogoutTarget (app: FastifyInstance, parameters: LogoutParameters): Promise<string | undefined> {
  const { client_id: clientId, post_logout_redirect_uri: uri, state } = parameters
  if (clientId === undefined || uri === undefined) return undefined
  const client = await app.stores.clients.find(clientId)
  // Only a URI in registrable form is safe to send as a Location header; one stored before is ignored.
  if (!client?.redirectUris.includes(uri) || !isRegistrableRedirectUri(uri)) return undefined
  if (state === undefined) return uri
  const url = new URL(uri)
  url.searchParams.append('state', state)
  return url.toString()
}

export default async function logoutRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: LogoutParameters }>('/logout', { schema: { querystring: LogoutParameters } }, async (request, reply) => {
    const session = await currentSession(app, request)
    reply.type('text/html')
    if (!session) return reply.send(signedOutPage())
    return reply.send(logoutPage({ csrf: formToken(request, reply, 'logout'), username: session.user.username, parameters: request.query }))
  })

  app.post<{ Body: LogoutForm }>('/logout', {
    schema: { body: LogoutForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    await endSession(app, request, reply)
    return reply.redirect(await postLogoutTarget(app, request.body) ?? '/logout', 303)
  })
}
