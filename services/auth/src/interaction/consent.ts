// POST /consent: the user's answer to the consent page; and the step that decides whether to ask at all.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConsentForm } from '@keyhold/contracts'
import { approve, deny } from '../oauth/authorization/complete.js'
import { resolveAuthorizationRequest, type AuthorizationRequest } from '../oauth/authorization/request.js'
import { consentPage } from './pages.js'
import { parseAuthorizeQuery } from './parameters.js'
import { currentSession, type Session } from './session.js'

/** The scopes still to ask the user for; undefined when everything asked was granted before. */
async function scopesToAsk (app: FastifyInstance, session: Session, request: AuthorizationRequest): Promise<string[] | undefined> {
  const granted = await app.stores.consents.granted(session.user.id, request.client.id)
  if (granted === undefined) return request.scopes
  const missing = request.scopes.filter((scope) => !granted.includes(scope))
  return missing.length > 0 ? missing : undefined
}

/** Shows the consent page, or, when the user already granted all of it, answers the client at once. */
export async function askOrApprove (
  app: FastifyInstance, reply: FastifyReply, session: Session, request: AuthorizationRequest, query: string
): Promise<FastifyReply> {
  const scopes = await scopesToAsk(app, session, request)
  if (scopes === undefined) return reply.redirect(await approve(app, request, session.user), 302)
  return reply.type('text/html').send(consentPage({
    csrf: reply.generateCsrf(), request: query, clientName: request.client.name, username: session.user.username, scopes: request.scopes
  }))
}

export default async function consentRoutes (app: FastifyInstance): Promise<void> {
  app.post<{ Body: ConsentForm }>('/consent', {
    schema: { body: ConsentForm },
    preHandler: app.csrfProtection
  }, async (request: FastifyRequest<{ Body: ConsentForm }>, reply) => {
    const session = await currentSession(app, request)
    if (!session) return reply.redirect(`/login?${new URLSearchParams({ return_to: `/authorize?${request.body.request}` })}`, 303)
    const authorization = await resolveAuthorizationRequest(app, parseAuthorizeQuery(request.body.request))
    if (request.body.decision === 'deny') return reply.redirect(await deny(app, authorization), 303)
    await app.stores.consents.grant(session.user.id, authorization.client.id, authorization.scopes)
    return reply.redirect(await approve(app, authorization, session.user), 303)
  })
}
