// GET and POST /login/second-factor: the second step of a sign-in, after a right password, for an account with a
// second factor. A code (or whatever another kind of factor sends) completes the sign-in pending in this browser; wrong
// ones count under SECOND_FACTOR_MAX_FAILURES, and once that is reached the pending sign-in ends.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SecondFactorForm } from '@keyhold/contracts'
import { securityEvent } from '../accounts/security-events.js'
import { NoSuchAuthorization, TooManyAttempts } from '../errors.js'
import { isSecondFactorKind, secondFactorAttemptsExhausted, secondFactorsOf, verifySecondFactor, type SecondFactorKind } from '../factors/second-factors.js'
import { heldAuthorization } from '../oauth/authorization/held-requests.js'
import type { User } from '../storage/types.js'
import { TWO_FACTOR_PATH } from './account/two-factor.js'
import { browserOf } from './browser.js'
import { CSRF_COOKIE, formToken } from './csrf.js'
import { Html, html } from './html.js'
import { hidden, page } from './layout.js'
import { consentUrl, loginUrl } from './paths.js'
import { endPendingSignIn, pendingSignIn, startPendingSignIn } from './pending-sign-in.js'
import { cookieOptions, startSession } from './session.js'

export const SECOND_FACTOR_PATH = '/login/second-factor'
const PATH = SECOND_FACTOR_PATH
const TOO_MANY = 'Too many wrong codes. Please sign in again later.'

const FORMS: Record<SecondFactorKind, { label: string, input: string }> = {
  totp: { label: 'Code from your authenticator app', input: 'inputmode="numeric" autocomplete="one-time-code" maxlength="7"' },
  'recovery-code': { label: 'Or a recovery code', input: 'autocomplete="off" maxlength="40"' }
}

function secondFactorPage (csrf: string, kinds: SecondFactorKind[], problem?: string): string {
  return page('Two-step sign-in', html`<h1>Two-step sign-in</h1>
${problem !== undefined && html`<p class="error" role="alert">${problem}</p>`}
${kinds.filter((kind) => Object.hasOwn(FORMS, kind)).map((kind) => html`<form method="post" action="${PATH}">
${hidden('_csrf', csrf)}${hidden('kind', kind)}
<label for="${kind}">${FORMS[kind].label}</label>
<input type="text" id="${kind}" name="code" ${new Html(FORMS[kind].input)} required>
<div class="actions"><button type="submit">${kind === 'totp' ? 'Continue' : 'Use recovery code'}</button></div>
</form>`)}
<p><a href="/login">Start again</a></p>`)
}

/** Whether the request this sign-in is for (if any) needs a second factor. */
async function requestRequiresIt (app: FastifyInstance, request: FastifyRequest, requestId: string | undefined): Promise<boolean> {
  if (requestId === undefined) return false
  try {
    return (await heldAuthorization(app, requestId, browserOf(request))).requiresSecondFactor === true
  } catch (error) {
    if (error instanceof NoSuchAuthorization) return false
    throw error
  }
}

/**
 * After a right password: an account with a second factor goes on to the second step (true). One without, where a
 * second factor is required, signs in with its password and is sent to set one up, then to start again; the reply is
 * sent. Otherwise false: the password completes the sign-in.
 */
export async function secondStep (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: User, next: { requestId?: string | undefined, returnTo?: string | undefined }
): Promise<boolean> {
  if ((await secondFactorsOf(app, user)).length > 0) {
    startPendingSignIn(app, request, reply, user, next)
    reply.redirect(PATH, 303)
    return true
  }
  if (!app.config.secondFactor.required && !await requestRequiresIt(app, request, next.requestId)) return false
  await startSession(app, request, reply, user)
  reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
  reply.redirect(`${TWO_FACTOR_PATH}?done=required`, 303)
  return true
}

export default async function secondFactorRoutes (app: FastifyInstance): Promise<void> {
  const pendingUser = async (request: FastifyRequest) => {
    const pending = pendingSignIn(app, request)
    const user = pending && await app.stores.users.find(pending.userId)
    return pending && user ? { pending, user } : undefined
  }

  app.get(PATH, async (request, reply) => {
    const found = await pendingUser(request)
    if (!found) return reply.redirect(loginUrl(), 302)
    return reply.type('text/html').send(secondFactorPage(formToken(request, reply, PATH), await secondFactorsOf(app, found.user)))
  })

  app.post<{ Body: SecondFactorForm }>(PATH, { schema: { body: SecondFactorForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const found = await pendingUser(request)
    if (!found) return reply.redirect(loginUrl(), 303)
    const { pending, user } = found
    const kinds = await secondFactorsOf(app, user)
    const again = (status: number, problem: string) =>
      reply.code(status).type('text/html').send(secondFactorPage(formToken(request, reply, PATH), kinds, problem))
    const ended = (status: number, problem: string) => {
      endPendingSignIn(app, reply)
      return reply.code(status).type('text/html').send(page('Sign-in ended', html`<h1>Sign-in ended</h1>
<p class="error" role="alert">${problem}</p><p><a href="${loginUrl(pending.requestId)}">Sign in again</a></p>`))
    }
    const { kind, code } = request.body
    if (!isSecondFactorKind(kind) || !kinds.includes(kind)) return again(400, 'Choose one of the ways shown.')
    if (code === undefined) return again(400, 'Enter a code.')

    let methods
    try {
      methods = await verifySecondFactor(app, user, kind, code)
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error
      reply.headers(error.headers)
      return ended(429, TOO_MANY)
    }
    if (!methods) {
      if (await secondFactorAttemptsExhausted(app, user)) return ended(429, TOO_MANY)
      return again(400, kind === 'totp' ? 'That code is not right, or was used already. Enter the code your app shows now.' : 'That recovery code is not right, or was used already.')
    }
    endPendingSignIn(app, reply)
    await startSession(app, request, reply, user, methods)
    // A new secret for the new session: no token rendered before the sign-in is good after it.
    reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
    if (kind === 'recovery-code') {
      await securityEvent(app, request, user, 'recovery-code.used', 'A recovery code was used to sign in to your account. Each code works once.')
    }
    return reply.redirect(pending.requestId !== undefined ? consentUrl(pending.requestId) : pending.returnTo ?? loginUrl(), 303)
  })
}
