// The start page: a sign-in link, or the user's profile and ongoing calls fetched with their token. It is also
// where the identity service sends the browser back after signing out there, with the state the demo sent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HealthResponse } from '@keyhold/contracts'
import Type, { type Static } from 'typebox'
import { SignInRequired } from '../oidc/tokens.js'
import { homePage, signedOutPage, STYLESHEET, type HomeView } from '../views/pages.js'
import { sameSecret } from './csrf.js'
import { describeFailure, isServiceFailure } from './failures.js'

const HomeQuery = Type.Object({ state: Type.Optional(Type.String({ maxLength: 200 })) })
type HomeQuery = Static<typeof HomeQuery>

/**
 * The return from the identity service's sign-out: only this browser's own state confirms it. Any other state (a stale
 * tab, a forged link) is ignored, and the page is shown as it would be without one.
 */
function returnedFromSignOut (request: FastifyRequest<{ Querystring: HomeQuery }>, reply: FastifyReply): boolean {
  const expected = request.session?.signOutState
  if (request.query.state === undefined || expected === undefined) return false
  if (!sameSecret(request.query.state, expected)) {
    request.log.warn('sign-out return with a state this browser did not send')
    return false
  }
  reply.endSession(request)
  return true
}

export default async function homeRoutes (app: FastifyInstance): Promise<void> {
  const { resource, tokens } = app

  app.get<{ Querystring: HomeQuery }>('/', { schema: { querystring: HomeQuery } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8')
    if (returnedFromSignOut(request, reply)) return signedOutPage('You are signed out of Keyhold and of this app.')
    const session = request.session
    const notice = session?.notice
    if (session) session.notice = undefined
    if (!session?.tokens) return signedOutPage(notice)

    const view: HomeView = { csrfToken: session.csrfToken, notice, ...(session.identity && { identity: session.identity }) }
    try {
      // Both reads start together; an expired token is refreshed once for the two (TokenKeeper).
      const [me, calls] = await Promise.all([
        tokens.use(session, (token) => resource.me(token)),
        tokens.use(session, (token) => resource.ongoingCalls(token))
      ])
      Object.assign(view, { me, calls })
    } catch (error) {
      if (error instanceof SignInRequired) return signedOutPage(describeFailure(error))
      if (!isServiceFailure(error)) throw error
      request.log.warn({ err: error }, 'resource service call failed')
      view.problem = describeFailure(error)
    }
    return homePage(view)
  })

  app.get('/style.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET))

  app.get('/health', { schema: { response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }))
}
