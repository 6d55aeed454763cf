// The browser side of the service: the pages /authorize hands the user to (/login, /consent) and /logout. HTML pages,
// form posts, signed cookies, CSRF tokens, and headers that keep the pages out of frames, caches and referrers.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import { deriveKey } from '../crypto/hash.js'
import { RedirectingError } from '../oauth/authorization/request.js'
import { errorAnswer } from '../oauth/authorization/response.js'
import type { AuthorizationInteraction } from '../oauth/authorization/interaction.js'
import { OAuthError, ServerError } from '../errors.js'
import { FORM_BODY_LIMIT, normaliseParameters, repeatableIn } from '../oauth/form-endpoint.js'
import { toOAuthError } from '../plugins/error-handler.js'
import accountPages from './account/plugin.js'
import passkeyScript from './passkeys/script.js'
import passkeySignIn from './passkeys/sign-in.js'
import { sendAnswer } from './answer.js'
import { browserOrNew } from './browser.js'
import consentRoutes, { showConsent } from './consent.js'
import { csrfOptions } from './csrf.js'
import loginRoutes from './login.js'
import logoutRoutes from './logout.js'
import secondFactorRoutes from './second-factor.js'
import { CONTENT_SECURITY_POLICY } from './content-policy.js'
import { errorPage } from './pages.js'
import { loginUrl } from './paths.js'
import selfServicePages from './self-service/plugin.js'
import { currentSession } from './session.js'

async function securityHeaders (_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.headers({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    pragma: 'no-cache'
  })
}

function pageFor (error: OAuthError, csrfFailure: boolean): string {
  if (csrfFailure) {
    return errorPage({ title: 'This form has expired', description: 'Go back, reload the page and try again.' })
  }
  if (error.status >= 500) return errorPage({ title: 'Something went wrong', error: error.error, description: 'Please try again in a moment.' })
  return errorPage({ title: 'This request cannot be completed', error: error.error, ...(error.description && { description: error.description }) })
}

/** Cookies, CSRF, form bodies, headers and error pages for every route registered beside it. */
export const browserContext = fp(async (app: FastifyInstance) => {
  await app.register(cookie, { secret: deriveKey(app.config.secret, 'cookie-signing') })
  await app.register(csrf, csrfOptions(app))
  app.removeAllContentTypeParsers()
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT })

  app.addHook('onRequest', securityHeaders)
  app.addHook('preValidation', async (request) => {
    const { schema } = request.routeOptions
    for (const [parameters, declared] of [[request.query, schema?.querystring], [request.body, schema?.body]] as const) {
      if (parameters && typeof parameters === 'object') normaliseParameters(parameters as Record<string, unknown>, repeatableIn(declared))
    }
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof RedirectingError) {
      return sendAnswer(reply, errorAnswer(app, error.target, error.error), request.method === 'POST' ? 303 : 302)
    }
    const known = toOAuthError(error, request)
    if (!known || known.status >= 500) request.log[known ? 'warn' : 'error']({ err: error }, 'browser request failed')
    const shown = known ?? new ServerError()
    return reply.code(shown.status).headers(shown.headers).type('text/html')
      .send(pageFor(shown, error.code?.startsWith('FST_CSRF') ?? false))
  })

}, { name: 'browser-context' })

/** How /authorize has the user sign in and consent. */
export const browserInteraction = (app: FastifyInstance): AuthorizationInteraction => ({
  signedIn: (request) => currentSession(app, request),
  browser: (request, reply) => browserOrNew(app, request, reply),
  signIn: (reply, requestId) => reply.redirect(loginUrl(requestId), 302),
  askConsent: showConsent,
  answer: sendAnswer
})

export default async function browserRoutes (app: FastifyInstance): Promise<void> {
  await app.register(loginRoutes)
  await app.register(secondFactorRoutes)
  await app.register(consentRoutes)
  await app.register(logoutRoutes)
  await app.register(accountPages)
  await app.register(passkeySignIn)
  await app.register(passkeyScript)
  await app.register(selfServicePages)
}
