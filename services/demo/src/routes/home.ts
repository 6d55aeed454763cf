// The start page: a sign-in link, or the user's profile and ongoing calls fetched with their token.
import type { FastifyInstance } from 'fastify'
import { HealthResponse } from '@keyhold/contracts'
import { SignInRequired } from '../oidc/tokens.js'
import { homePage, signedOutPage, STYLESHEET, type HomeView } from '../views/pages.js'
import { describeFailure, isServiceFailure } from './failures.js'

export default async function homeRoutes (app: FastifyInstance): Promise<void> {
  const { resource, tokens } = app

  app.get('/', async (request, reply) => {
    reply.type('text/html; charset=utf-8')
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
