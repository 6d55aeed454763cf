// GET and POST /login: the sign-in form. Failures are throttled and never say which field was wrong.
import type { FastifyInstance } from 'fastify'
import { LoginForm, LoginQuery } from '@keyhold/contracts'
import { checkCredentials } from '../accounts/login.js'
import { TooManyAttempts } from '../oauth/errors.js'
import { loginPage, signedInPage } from './pages.js'
import { safeReturnTo } from './parameters.js'
import { currentSession, startSession } from './session.js'

const WRONG_CREDENTIALS = 'The username or password is incorrect.'
const THROTTLED = 'Too many failed sign-in attempts. Please try again later.'

export default async function loginRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: LoginQuery }>('/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const returnTo = safeReturnTo(request.query.return_to)
    const session = await currentSession(app, request)
    reply.type('text/html')
    if (!session) return reply.send(loginPage({ csrf: reply.generateCsrf(), ...(returnTo && { returnTo }) }))
    if (returnTo) return reply.redirect(returnTo, 302)
    return reply.send(signedInPage({ csrf: reply.generateCsrf(), username: session.user.username }))
  })

  app.post<{ Body: LoginForm }>('/login', {
    schema: { body: LoginForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    const { username, password } = request.body
    const returnTo = safeReturnTo(request.body.return_to)
    const again = (status: number, problem: string) => reply.code(status).type('text/html').send(loginPage({
      csrf: reply.generateCsrf(), problem, ...(returnTo && { returnTo }), ...(username !== undefined && { username })
    }))
    if (username === undefined || password === undefined) return again(400, 'Enter your username and password.')

    let user
    try {
      user = await checkCredentials(app, username, password, request.ip)
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error
      reply.headers(error.headers)
      return again(429, THROTTLED)
    }
    if (!user) return again(400, WRONG_CREDENTIALS)
    await startSession(app, request, reply, user)
    return reply.redirect(returnTo ?? '/login', 303)
  })
}
