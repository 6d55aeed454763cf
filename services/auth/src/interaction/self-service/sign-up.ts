// GET and POST /signup: the sign-up form (username, email address, password with the rules shown). A new account is
// signed in at once and mailed a verification link. A taken username is said on the form; a taken email address is not:
// its owner is mailed instead, and the page answers as for a new account. Attempts are limited per client address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SignUpForm, SignUpQuery } from '@keyhold/contracts'
import { sendVerificationMail } from '../../accounts/email-verification.js'
import { normaliseEmail } from '../../accounts/claims.js'
import { createAccount, isClash } from '../../accounts/sign-up.js'
import { InvalidRequest } from '../../errors.js'
import { CSRF_COOKIE, formToken } from '../csrf.js'
import { html } from '../html.js'
import { consentUrl } from '../paths.js'
import { cookieOptions, startSession } from '../session.js'
import { FORGOT_PASSWORD_PATH, passwordField, postForm, selfServicePage, sentence, type Message } from './views.js'

export const SIGN_UP_PATH = '/signup'

interface Entered { username?: string, email?: string, requestId?: string }

function signUpPage (request: FastifyRequest, reply: FastifyReply, entered: Entered, message: Message = {}): string {
  const csrf = formToken(request, reply, SIGN_UP_PATH, entered.requestId)
  const signIn = entered.requestId === undefined ? '/login' : `/login?${new URLSearchParams({ request_id: entered.requestId })}`
  return selfServicePage('Create an account', html`${postForm(SIGN_UP_PATH, csrf, html`
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" maxlength="200" required value="${entered.username ?? ''}">
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="${entered.email ?? ''}">
${passwordField('password', 'Password')}
<div class="actions"><button type="submit">Create account</button></div>`, { request_id: entered.requestId })}
<p>Already have an account? <a href="${signIn}">Sign in</a></p>`, message)
}

/** The answer to a sign-up that was taken on, whether it made an account or mailed the address's owner. */
const checkInboxPage = (email: string, next: string): string => selfServicePage('Check your inbox', html`<p class="notice" role="status">We sent a mail to <strong>${email}</strong>. Open the link in it to confirm your address.</p>
<div class="actions"><a href="${next}">Continue</a></div>`)

/** To the owner of an address someone tried to sign up with again: no account is made, nothing is said on the page. */
async function mailAddressOwner (app: FastifyInstance, request: FastifyRequest, email: string): Promise<void> {
  await app.mailer.send({
    to: email,
    subject: 'Someone tried to create a Keyhold account with your address',
    text: `Hello,\n\nSomeone tried to create a new Keyhold account with ${email}, which your account already has. No account was made.\n\n` +
      `If it was you, sign in at ${app.config.issuer}/login, or set a new password at ${app.config.issuer}${FORGOT_PASSWORD_PATH}.\n` +
      'If it was not, you need do nothing.\n'
  })
  request.log.info('sign-up with a taken email address: its owner was mailed')
}

export default async function signUpPages (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: SignUpQuery }>(SIGN_UP_PATH, { schema: { querystring: SignUpQuery } }, async (request, reply) => {
    const requestId = request.query.request_id
    return reply.type('text/html').send(signUpPage(request, reply, requestId === undefined ? {} : { requestId }))
  })

  app.post<{ Body: SignUpForm }>(SIGN_UP_PATH, { schema: { body: SignUpForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { username, email, password, request_id: requestId } = request.body
    const entered: Entered = { ...(username !== undefined && { username }), ...(email !== undefined && { email }), ...(requestId !== undefined && { requestId }) }
    const again = (status: number, problem: string) => reply.code(status).type('text/html').send(signUpPage(request, reply, entered, { problem }))
    if (!username || !email || !password) return again(400, 'Enter a username, your email address and a password.')
    const address = normaliseEmail(email)
    if (address === undefined) return again(400, 'Enter a valid email address, such as name@example.com.')

    const { max, window } = app.config.signUp
    const { allowed, resetsIn } = await app.stores.failures.reserve(`signup:ip:${request.ip}`, max, window)
    if (!allowed) {
      reply.header('retry-after', String(resetsIn || window))
      return again(429, 'Too many accounts were created from your network lately. Please try again later.')
    }

    let user
    try {
      user = await createAccount(app, request, { username, password, claims: { email: address.address } })
    } catch (error) {
      if (error instanceof InvalidRequest) return again(400, sentence(error.description ?? 'This cannot be used.'))
      throw error
    }
    if (user === 'taken') return again(409, 'That username is taken. Please choose another.')
    const next = requestId === undefined ? '/account' : consentUrl(requestId)
    if (isClash(user)) {
      await mailAddressOwner(app, request, address.address)
      return reply.type('text/html').send(checkInboxPage(address.address, next))
    }
    await startSession(app, request, reply, user)
    // A new secret for the new session, as after a sign-in.
    reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
    await sendVerificationMail(app, request, user)
    return reply.type('text/html').send(checkInboxPage(address.address, next))
  })
}
