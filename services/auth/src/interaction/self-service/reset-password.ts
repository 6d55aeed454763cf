// GET /reset-password?token=…: the link of a reset mail shows a form for a new password, the token carried in a hidden
// field; POST sets it (the policy applies), which ends every session and grant of the account. A token that cannot be
// used (malformed, unknown, expired, used, for another purpose, or from before the password last changed) gets a 400 page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ResetPasswordForm, ResetPasswordQuery } from '@keyhold/contracts'
import { passwordProblem } from '../../accounts/password-policy.js'
import { RESET_PASSWORD_PATH, resetPassword, resetTokenHolder } from '../../accounts/password-reset.js'
import type { User } from '../../storage/types.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { hidden } from '../layout.js'
import { FORGOT_PASSWORD_PATH, passwordField, postForm, selfServicePage, sentence, type Message } from './views.js'

function newPasswordPage (request: FastifyRequest, reply: FastifyReply, user: User, token: string, message: Message = {}): string {
  return selfServicePage('Choose a new password', html`<p>For the account <strong>${user.username}</strong>. Every browser and application signed in to it will be signed out.</p>
${postForm(RESET_PASSWORD_PATH, formToken(request, reply, RESET_PASSWORD_PATH), html`
<input type="text" name="username" autocomplete="username" value="${user.username}" hidden readonly>
${passwordField('new_password', 'New password')}
<label for="confirm_password">The new password again</label>
<input type="password" id="confirm_password" name="confirm_password" autocomplete="new-password" required>
<div class="actions"><button type="submit">Set the new password</button></div>`, { token })}`, message)
}

const unusablePage = (): string => selfServicePage('This link cannot be used', html`<p class="error" role="alert">This link cannot be used: it has expired, was used already, or your password has changed since it was sent.</p>
<p><a href="${FORGOT_PASSWORD_PATH}">Ask for a new link</a></p>`)

export default async function resetPasswordPages (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ResetPasswordQuery }>(RESET_PASSWORD_PATH, { schema: { querystring: ResetPasswordQuery } }, async (request, reply) => {
    const { token } = request.query
    const user = await resetTokenHolder(app, token)
    reply.type('text/html')
    if (user === undefined || token === undefined) return reply.code(400).send(unusablePage())
    return reply.send(newPasswordPage(request, reply, user, token))
  })

  app.post<{ Body: ResetPasswordForm }>(RESET_PASSWORD_PATH, { schema: { body: ResetPasswordForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { token, new_password: password, confirm_password: confirmation } = request.body
    reply.type('text/html')
    const user = await resetTokenHolder(app, token)
    if (user === undefined || token === undefined) return reply.code(400).send(unusablePage())
    const problem = password === undefined || password === ''
      ? 'Enter a new password.'
      : password !== confirmation ? 'The two passwords differ: type the same one twice.' : await passwordProblem(password)
    if (problem !== undefined || password === undefined) {
      return reply.code(400).send(newPasswordPage(request, reply, user, token, { problem: sentence(problem ?? '') }))
    }
    const done = await resetPassword(app, request, token, password)
    if (done === undefined) return reply.code(400).send(unusablePage())
    return reply.send(selfServicePage('Your password is set', html`<p class="notice" role="status">The password of <strong>${done.username}</strong> is set. Every browser and application that was signed in to your account is signed out.</p>
<p><a href="/login">Sign in</a> with your new password.</p>`))
  })
}
