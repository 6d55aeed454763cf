// GET and POST /login/passkey: a sign-in with a passkey alone (a discoverable credential, user verification required).
// It answers a pending authorization request, or returns to an account page, as the password form does; failures
// count under the same per-address sign-in limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { PasskeySignInForm, PasskeySignInQuery } from '@keyhold/contracts'
import { passkeySignInOptions, PasskeyRefused, verifyPasskey } from '../../accounts/passkeys/authentication.js'
import { TooManyAttempts } from '../../errors.js'
import { browserOf, browserOrNew } from '../browser.js'
import { passkeyPagePolicy } from '../content-policy.js'
import { CSRF_COOKIE, formToken } from '../csrf.js'
import { html } from '../html.js'
import { page } from '../layout.js'
import { consentUrl, loginUrl } from '../paths.js'
import { cookieOptions, startSession } from '../session.js'
import { ceremonyForm, NOT_USED, passkeyScript } from './views.js'

const PATH = '/login/passkey'
const THROTTLED = 'Too many failed sign-in attempts. Please try again later.'

interface Target { requestId?: string | undefined, returnTo?: string | undefined }

async function signInPage (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, target: Target, problem?: string): Promise<string> {
  const options = await passkeySignInOptions(app, browserOrNew(app, request, reply))
  reply.header('content-security-policy', passkeyPagePolicy(app.config.webauthn.origin)).type('text/html')
  const back = target.requestId !== undefined ? loginUrl(target.requestId) : '/login'
  return page('Sign in with a passkey', html`<h1>Sign in with a passkey</h1>
${problem !== undefined && html`<p class="error" role="alert">${problem}</p>`}
<p>Your device asks you to unlock the passkey you saved for Keyhold.</p>
${ceremonyForm({
    ceremony: 'authenticate',
    action: PATH,
    options,
    csrf: formToken(request, reply, PATH, target.requestId),
    fields: { request_id: target.requestId, return_to: target.requestId === undefined ? target.returnTo : undefined },
    button: 'Use my passkey'
  })}
<p><a href="${back}">Sign in with your password instead</a></p>
${passkeyScript()}`)
}

/** Takes a place under the per-address sign-in limit, as a password attempt does; TooManyAttempts when it is full. */
async function reserveAttempt (app: FastifyInstance, address: string): Promise<() => Promise<void>> {
  const { maxFailuresPerAddress, failureWindow } = app.config.login
  const key = `login:addr:${address}`
  const { allowed, resetsIn } = await app.stores.failures.reserve(key, maxFailuresPerAddress, failureWindow)
  if (!allowed) throw new TooManyAttempts(resetsIn || failureWindow)
  return () => app.stores.failures.forgive(key)
}

export default async function passkeySignIn (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: PasskeySignInQuery }>(PATH, { schema: { querystring: PasskeySignInQuery } }, async (request, reply) =>
    reply.send(await signInPage(app, request, reply, { requestId: request.query.request_id, returnTo: request.query.return_to })))

  app.post<{ Body: PasskeySignInForm }>(PATH, { schema: { body: PasskeySignInForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { request_id: requestId, credential } = request.body
    const returnTo = requestId === undefined ? request.body.return_to : undefined
    const again = async (status: number, problem: string) => reply.code(status).send(await signInPage(app, request, reply, { requestId, returnTo }, problem))
    let forgive
    try {
      forgive = await reserveAttempt(app, request.ip)
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error
      reply.headers(error.headers)
      return again(429, THROTTLED)
    }
    let signIn
    try {
      signIn = await verifyPasskey(app, browserOf(request), credential)
    } catch (error) {
      if (!(error instanceof PasskeyRefused)) {
        await forgive().catch(() => {})
        throw error
      }
      request.log.info({ reason: error.message }, 'passkey sign-in refused')
      return again(400, NOT_USED)
    }
    await forgive()
    await startSession(app, request, reply, signIn.user, { amr: signIn.amr, acr: signIn.acr })
    // A new secret for the new session: no token rendered before the sign-in is good after it.
    reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
    return reply.redirect(requestId !== undefined ? consentUrl(requestId) : returnTo ?? loginUrl(), 303)
  })
}
