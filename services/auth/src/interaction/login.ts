// GET and POST /login: the sign-in form. Failures are throttled and never say which field was wrong. An account with a
// second factor goes on to /login/second-factor.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { LoginForm, LoginQuery } from '@keyhold/contracts'
import { checkCredentials } from '../accounts/login.js'
import { NoSuchAuthorization, TooManyAttempts } from '../errors.js'
import { heldAuthorization } from '../oauth/authorization/held-requests.js'
import { answeringSignIn } from '../oauth/authorization/sign-in.js'
import { browserOf } from './browser.js'
import { CSRF_COOKIE, formToken } from './csrf.js'
import { loginPage, signedInPage } from './pages.js'
import { consentUrl, loginUrl } from './paths.js'
import { secondStep } from './second-factor.js'
import { cookieOptions, currentSession, startSession, type Session } from './session.js'

const WRONG_CREDENTIALS = 'The username or password is incorrect.'
const THROTTLED = 'Too many failed sign-in attempts. Please try again later.'

/**
 * What the page needs of the request it signs in for: whether the current sign-in answers it, and a username to fill
 * in. A request this browser does not hold is left for the consent page to refuse, after a sign-in like any other.
 */
async function signingInFor (app: FastifyInstance, request: FastifyRequest, requestId: string, session: Session | undefined) {
  try {
    const held = await heldAuthorization(app, requestId, browserOf(request))
    return { answered: answeringSignIn(held, session) !== undefined, loginHint: held.loginHint }
  } catch (error) {
    if (error instanceof NoSuchAuthorization) return { answered: session !== undefined, loginHint: undefined }
    throw error
  }
}

export default async function loginRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: LoginQuery }>('/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const { request_id: requestId, return_to: returnTo } = request.query
    const session = await currentSession(app, request)
    reply.type('text/html')
    if (requestId === undefined && returnTo !== undefined) {
      return reply.send(loginPage({ csrf: formToken(request, reply, 'login'), returnTo, ...(session && { username: session.user.username }) }))
    }
    if (requestId === undefined) {
      if (session) return reply.send(signedInPage({ csrf: formToken(request, reply, 'logout'), username: session.user.username }))
      return reply.send(loginPage({ csrf: formToken(request, reply, 'login') }))
    }
    const { answered, loginHint } = await signingInFor(app, request, requestId, session)
    if (answered) return reply.redirect(consentUrl(requestId), 302)
    return reply.send(loginPage({
      csrf: formToken(request, reply, 'login', requestId),
      requestId,
      ...(loginHint !== undefined && { username: loginHint })
    }))
  })

  app.post<{ Body: LoginForm }>('/login', {
    schema: { body: LoginForm },
    preHandler: app.csrfProtection
  }, async (request, reply) => {
    const { username, password, request_id: requestId } = request.body
    // An authorization request, when there is one, decides where the sign-in goes next.
    const returnTo = requestId === undefined ? request.body.return_to : undefined
    const again = (status: number, problem: string) => reply.code(status).type('text/html').send(loginPage({
      csrf: formToken(request, reply, 'login', requestId),
      problem,
      ...(requestId !== undefined && { requestId }),
      ...(returnTo !== undefined && { returnTo }),
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
    if (await secondStep(app, request, reply, user, { requestId, returnTo })) return reply
    await startSession(app, request, reply, user)
    // A new secret for the new session: no token rendered before the sign-in is good after it.
    reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
    return reply.redirect(requestId !== undefined ? consentUrl(requestId) : returnTo ?? loginUrl(), 303)
  })
}
