// GET and POST /consent: the consent page for a pending authorization request and the user's answer to it; and the
// step that decides whether to ask at all.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConsentForm, ConsentQuery } from '@keyhold/contracts'
import { isPublic } from '../clients/client.js'
import { approve, deny } from '../oauth/authorization/complete.js'
import { resolveAuthorizationRequest, type AuthorizationRequest } from '../oauth/authorization/request.js'
import { formToken } from './csrf.js'
import { consentPage } from './pages.js'
import { findAuthorization, holdAuthorization, NoSuchAuthorization, takeAuthorization, type PendingQuery } from './pending-authorization.js'
import { loginUrl } from './paths.js'
import { currentSession, type Session } from './session.js'

/**
 * A public client answering at a loopback or custom-scheme URI may be any program on the device claiming its id
 * (RFC 8252 §8.6), so a consent given before proves nothing about who asks now: such a request always asks.
 */
const identityAssured = (request: AuthorizationRequest): boolean =>
  !isPublic(request.client) || request.redirectUri.startsWith('https:')

/** Whether the user must be asked; not when everything asked was granted before to a client whose identity is assured. */
async function mustAsk (app: FastifyInstance, session: Session, request: AuthorizationRequest): Promise<boolean> {
  if (!identityAssured(request)) return true
  const granted = await app.stores.consents.granted(session.user.id, request.client.id)
  return granted === undefined || request.scopes.some((scope) => !granted.includes(scope))
}

/** Where the pending request comes from: the query /authorize was given, or a request already held under `id`. */
export type Pending = { query: PendingQuery } | { id: string }

/** Shows the consent page, or, when the user already granted all of it, answers the client at once. */
export async function askOrApprove (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, session: Session, authorization: AuthorizationRequest, pending: Pending
): Promise<FastifyReply> {
  if (!(await mustAsk(app, session, authorization))) {
    if ('id' in pending && !(await takeAuthorization(app, request, pending.id))) throw new NoSuchAuthorization()
    return reply.redirect(await approve(app, authorization, session.user), 302)
  }
  const requestId = 'id' in pending ? pending.id : await holdAuthorization(app, request, reply, pending.query)
  return reply.type('text/html').send(consentPage({
    csrf: formToken(request, reply, 'consent', requestId),
    requestId,
    clientName: authorization.client.name,
    username: session.user.username,
    scopes: authorization.scopes
  }))
}

export default async function consentRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ConsentQuery }>('/consent', { schema: { querystring: ConsentQuery } }, async (request, reply) => {
    const { request_id: requestId } = request.query
    const pending = await findAuthorization(app, request, requestId)
    if (!pending) throw new NoSuchAuthorization()
    const session = await currentSession(app, request)
    if (!session) return reply.redirect(loginUrl(requestId), 302)
    const authorization = await resolveAuthorizationRequest(app, pending.query)
    return askOrApprove(app, request, reply, session, authorization, { id: requestId })
  })

  app.post<{ Body: ConsentForm }>('/consent', {
    schema: { body: ConsentForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    const { request_id: requestId, decision } = request.body
    const session = await currentSession(app, request)
    if (!session) return reply.redirect(loginUrl(requestId), 303)
    const pending = await takeAuthorization(app, request, requestId)
    if (!pending) throw new NoSuchAuthorization()
    const authorization = await resolveAuthorizationRequest(app, pending.query)
    if (decision === 'deny') return reply.redirect(await deny(app, authorization), 303)
    await app.stores.consents.grant(session.user.id, authorization.client.id, authorization.scopes)
    return reply.redirect(await approve(app, authorization, session.user), 303)
  })
}
