// GET and POST /forgot-password: asks for a link to set a new password. The answer is the same page whether or not the
// address is an account's; asking is limited per client address and per address typed (429 page).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ForgotPasswordForm } from '@keyhold/contracts'
import { normaliseEmail } from '../../accounts/claims.js'
import { lifetimeInWords } from '../../accounts/mailed-tokens.js'
import { requestPasswordReset } from '../../accounts/password-reset.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { FORGOT_PASSWORD_PATH, postForm, selfServicePage, type Message } from './views.js'

function forgotPasswordPage (request: FastifyRequest, reply: FastifyReply, email: string | undefined, message: Message = {}): string {
  return selfServicePage('Forgot your password?', html`<p>Enter the email address of your account, and we will mail you a link to set a new password.</p>
${postForm(FORGOT_PASSWORD_PATH, formToken(request, reply, FORGOT_PASSWORD_PATH), html`
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="${email ?? ''}">
<div class="actions"><button type="submit">Send the link</button></div>`)}
<p><a href="/login">Back to sign-in</a></p>`, message)
}

export default async function forgotPasswordPages (app: FastifyInstance): Promise<void> {
  app.get(FORGOT_PASSWORD_PATH, async (request, reply) => reply.type('text/html').send(forgotPasswordPage(request, reply, undefined)))

  app.post<{ Body: ForgotPasswordForm }>(FORGOT_PASSWORD_PATH, { schema: { body: ForgotPasswordForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { email } = request.body
    reply.type('text/html')
    const address = email === undefined ? undefined : normaliseEmail(email)
    if (address === undefined) {
      return reply.code(400).send(forgotPasswordPage(request, reply, email, { problem: 'Enter a valid email address, such as name@example.com.' }))
    }
    const throttled = await requestPasswordReset(app, request, address.key)
    if (throttled) {
      return reply.code(429).header('retry-after', String(throttled.retryAfter))
        .send(forgotPasswordPage(request, reply, email, { problem: 'A link was asked for too often lately. Please use the newest one, or try again later.' }))
    }
    return reply.send(selfServicePage('Check your inbox', html`<p class="notice" role="status">If this address is the address of a Keyhold account, we have mailed it a link to set a new password.</p>
<p>The link works once, within ${lifetimeInWords(app.config.passwordReset.ttl)}. No mail? Look in your spam folder, or check the address and ask again.</p>
<p><a href="/login">Back to sign-in</a></p>`))
  })
}
