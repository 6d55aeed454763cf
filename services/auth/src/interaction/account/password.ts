// GET and POST /account/password: a new password, proven by the current one or a sign-in within five minutes, under
// the password policy. Every session and grant of the account ends with it (the account taken back from whoever else
// held it, clients told by back-channel logout); this browser stays signed in, in a new session holding its sign-in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AccountNoticeQuery, PasswordChangeForm } from '@keyhold/contracts'
import { setPassword } from '../../accounts/account-access.js'
import { requireCurrentPassword } from '../../accounts/current-password.js'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../../accounts/password-policy.js'
import { securityEvent } from '../../accounts/security-events.js'
import { AccessDenied, TooManyAttempts } from '../../errors.js'
import { CSRF_COOKIE, formToken } from '../csrf.js'
import { html } from '../html.js'
import { isRecent, signedInOrRedirect } from '../recent-sign-in.js'
import { cookieOptions, renewSession, type Session } from '../session.js'
import { changed, noticeOf } from './notices.js'
import { accountPage, postForm, type Message } from './views.js'

const PATH = '/account/password'
const NOTICES = { changed: 'Your password has been changed. Every other session is signed out, and applications must sign in again.' }

function passwordPage (request: FastifyRequest, reply: FastifyReply, session: Session, message: Message): string {
  const askCurrent = !isRecent(session)
  return accountPage('Change your password', postForm(PATH, formToken(request, reply, PATH), html`
<input type="text" name="username" autocomplete="username" value="${session.user.username}" hidden>
${askCurrent && html`<label for="current_password">Current password</label>
<input type="password" id="current_password" name="current_password" autocomplete="current-password" required>`}
<label for="new_password">New password</label>
<input type="password" id="new_password" name="new_password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}" required>
<label for="confirm_password">New password, again</label>
<input type="password" id="confirm_password" name="confirm_password" autocomplete="new-password" required>
<p>At least ${MIN_PASSWORD_LENGTH} characters, any you like; a common password is refused. A long phrase is easy to remember and hard to guess.</p>
<p>Every other session will be signed out, and applications will have to sign in again.</p>
<div class="actions"><button type="submit">Change password</button></div>`), message)
}

export default async function passwordPageRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AccountNoticeQuery }>(PATH, { schema: { querystring: AccountNoticeQuery } }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    return reply.type('text/html').send(passwordPage(request, reply, session, { notice: noticeOf(NOTICES, request.query.done) }))
  })

  app.post<{ Body: PasswordChangeForm }>(PATH, { schema: { body: PasswordChangeForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const { current_password: current, new_password: password, confirm_password: confirmation } = request.body
    const again = (status: number, problem: string) =>
      reply.code(status).type('text/html').send(passwordPage(request, reply, session, { problem }))

    if (!isRecent(session)) {
      if (current === undefined) return again(400, 'Enter your current password.')
      try {
        await requireCurrentPassword(request, session.user, current)
      } catch (error) {
        if (error instanceof TooManyAttempts) {
          reply.headers(error.headers)
          return again(429, 'Too many wrong passwords. Please try again later.')
        }
        if (error instanceof AccessDenied) return again(403, 'The current password is incorrect.')
        throw error
      }
    }
    if (password === undefined) return again(400, 'Enter a new password.')
    if (password !== confirmation) return again(400, 'The two new passwords differ.')
    const problem = await passwordProblem(password)
    if (problem !== undefined) return again(400, `${problem[0]!.toUpperCase()}${problem.slice(1)}.`)

    if (!await setPassword(app, session.user.id, password)) return reply.redirect(PATH, 303)
    await renewSession(app, request, reply, session)
    // The old session's forms end with it: a new secret for the new one, as at sign-in.
    reply.clearCookie(CSRF_COOKIE, cookieOptions(app))
    await securityEvent(app, request, session.user, 'password.changed',
      'The password of your account was changed. Every session was signed out but the one that changed it, and applications must sign in again.')
    return changed(reply, PATH, 'changed')
  })
}
