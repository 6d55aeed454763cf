// GET and POST /login: the sign-in form. Failures are throttled and never say which field was wrong.
import type { FastifyInstance } from 'fastify'
import { LoginForm, LoginQuery } from '@keyhold/contracts'
import { checkCredentials } from '../accounts/login.js'
import { TooManyAttempts } from '../errors.js'
import { CSRF_COOKIE, formToken } from './csrf.js'
import { loginPage, signedInPage } from './pages.js'
import { consentUrl, loginUrl } from './paths.js'
import { cookieOptions, currentSession, startSession } from './session.js'

const WRONG_CREDENTIALS = 'The username or password is incorrect.'
const THROTTLED = 'Too many failed sign-in attempts. Please try again later.'

export default async function loginRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: LoginQuery }>('/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const { request_id: requestId } = request.query
    const session = await currentSession(app, request)
    if (session && requestId !== undefined) return reply.redirect(consentUrl(requestId), 302)
    reply.type('text/html')
    if (session) return reply.send(signedInPage({ csrf: formToken(request, reply, 'logout'), username: session.user.username }))
    return reply.send(loginPage({ csrf: formToken(request, reply, 'login', requestId), ...(requestId !== undefined && { requestId }) }))
  })

  app.post<{ Body: LoginForm }>('/login', {
    schema: { body: LoginForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    const { username, password, request_id: requestId } = request.body
    const again = (status: number, problem: string) => reply.code(status).type('text/html').send(loginPage({
      csrf: formToken(request, reply, 'login', requestId),
      problem,
      ...(requestId !== undefined && { requestId }),
      ...(username !== undefined && { username })
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
    // A new secret for the new session: no token rendered before the sign-in is good after it.
    reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
    return reply.redirect(requestId === undefined ? loginUrl() : consentUrl(requestId), 303)
  })
}
