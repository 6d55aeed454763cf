// GET /authorize (RFC 6749 §3.1): checks the request, then sends the browser to sign in, to consent, or back.
import type { FastifyInstance } from 'fastify'
import { AuthorizeQuery } from '@keyhold/contracts'
import { askOrApprove } from '../../interaction/consent.js'
import { loginUrl } from '../../interaction/paths.js'
import { holdAuthorization } from '../../interaction/pending-authorization.js'
import { currentSession } from '../../interaction/session.js'
import { resolveAuthorizationRequest } from '../authorization/request.js'

export default async function authorizationEndpoint (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AuthorizeQuery }>('/authorize', {
    schema: { querystring: AuthorizeQuery }
  }, async (request, reply) => {
    const authorization = await resolveAuthorizationRequest(app, request.query)
    const session = await currentSession(app, request)
    if (!session) return reply.redirect(loginUrl(await holdAuthorization(app, request, reply, request.query)), 302)
    return askOrApprove(app, request, reply, session, authorization, { query: request.query })
  })
}
