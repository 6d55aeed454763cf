// GET and POST /consent: the consent page for a held authorization request and the user's answer to it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConsentForm, ConsentQuery } from '@keyhold/contracts'
import { approve, deny } from '../oauth/authorization/complete.js'
import { consentRequired } from '../oauth/authorization/consent.js'
import { heldAuthorization, takeAuthorization } from '../oauth/authorization/held-requests.js'
import { consentPrompt, type ConsentPrompt } from '../oauth/authorization/interaction.js'
import { answeringSignIn } from '../oauth/authorization/sign-in.js'
import { sendAnswer } from './answer.js'
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
    // A sign-in the request does not accept (prompt=login, max_age, another user's id_token_hint) is made again first.
    const session = answeringSignIn(authorization, await currentSession(app, request))
    if (!session) return reply.redirect(loginUrl(requestId), 302)
    if (await consentRequired(app, session.user, authorization)) {
      return showConsent(request, reply, await consentPrompt(app, requestId, authorization, session.user))
    }
    await takeAuthorization(app, requestId, browserOf(request))
    return sendAnswer(reply, await approve(app, authorization, session), 302)
  })

  app.post<{ Body: ConsentForm }>('/consent', {
    schema: { body: ConsentForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    const { request_id: requestId, decision } = request.body
    const current = await currentSession(app, request)
    const session = current && answeringSignIn(await heldAuthorization(app, requestId, browserOf(request)), current)
    if (!session) return reply.redirect(loginUrl(requestId), 303)
    const authorization = await takeAuthorization(app, requestId, browserOf(request))
    if (decision === 'deny') return sendAnswer(reply, await deny(app, authorization), 303)
    await app.stores.consents.grant(session.user.id, authorization.client.id, authorization.scopes)
    return sendAnswer(reply, await approve(app, authorization, session), 303)
  })
}
