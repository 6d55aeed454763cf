// GET and POST /consent: the consent page for a held authorization request and the user's answer to it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConsentForm, ConsentQuery } from '@keyhold/contracts'
import { approve, deny } from '../oauth/authorization/complete.js'
import { consentRequired } from '../oauth/authorization/consent.js'
import { heldAuthorization, takeAuthorization } from '../oauth/authorization/held-requests.js'
import { consentPrompt, type ConsentPrompt } from '../oauth/authorization/interaction.js'
import { browserOf } from './browser.js'
import { formToken } from './csrf.js'
import { consentPage } from './pages.js'
import { loginUrl } from './paths.js'
import { currentSession } from './session.js'

export function showConsent (request: FastifyRequest, reply: FastifyReply, prompt: ConsentPrompt): FastifyReply {
  return reply.type('text/html').send(consentPage({ ...prompt, csrf: formToken(request, reply, 'consent', prompt.requestId) }))
}

export default async function consentRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ConsentQuery }>('/consent', { schema: { querystring: ConsentQuery } }, async (request, reply) => {
    const { request_id: requestId } = request.query
    const authorization = await heldAuthorization(app, requestId, browserOf(request))
    const session = await currentSession(app, request)
    if (!session) return reply.redirect(loginUrl(requestId), 302)
    if (await consentRequired(app, session.user, authorization)) {
      return showConsent(request, reply, consentPrompt(requestId, authorization, session.user))
    }
    await takeAuthorization(app, requestId, browserOf(request))
    return reply.redirect(await approve(app, authorization, session.user), 302)
  })

  app.post<{ Body: ConsentForm }>('/consent', {
    schema: { body: ConsentForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    const { request_id: requestId, decision } = request.body
    const session = await currentSession(app, request)
    if (!session) return reply.redirect(loginUrl(requestId), 303)
    const authorization = await takeAuthorization(app, requestId, browserOf(request))
    if (decision === 'deny') return reply.redirect(await deny(app, authorization), 303)
    await app.stores.consents.grant(session.user.id, authorization.client.id, authorization.scopes)
    return reply.redirect(await approve(app, authorization, session.user), 303)
  })
}
