// GET /verify-email?token=…: the link of a verification mail, used once, marks the address it was sent to verified.
// GET /verify-email: the signed-in user's address and whether it is verified; POST /verify-email/resend mails a new
// link, a few times an hour at most per account.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ResendVerificationForm, VerifyEmailQuery } from '@keyhold/contracts'
import { sendVerificationMail, VERIFY_EMAIL_PATH, verifyEmail } from '../../accounts/email-verification.js'
import type { User } from '../../storage/types.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { signedInOrRedirect } from '../recent-sign-in.js'
import { currentSession } from '../session.js'
import { postForm, selfServicePage, type Message } from './views.js'

const RESEND_PATH = '/verify-email/resend'

function statusPage (request: FastifyRequest, reply: FastifyReply, user: User, message: Message = {}): string {
  if (user.email === undefined) {
    return selfServicePage('Your email address', html`<p>Your account has no email address. <a href="/account/profile">Add one</a> to be able to reset your password.</p>`, message)
  }
  if (user.emailVerified) {
    return selfServicePage('Your email address', html`<p><strong>${user.email}</strong> is verified.</p><p><a href="/account">Your account</a></p>`, message)
  }
  return selfServicePage('Verify your email address', html`<p><strong>${user.email}</strong> is not verified yet: open the link we mailed you.</p>
${postForm(RESEND_PATH, formToken(request, reply, RESEND_PATH), html`<div class="actions"><button type="submit" class="secondary">Send a new link</button></div>`)}
<p><a href="/account">Your account</a></p>`, message)
}

export default async function verifyEmailPages (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: VerifyEmailQuery }>(VERIFY_EMAIL_PATH, { schema: { querystring: VerifyEmailQuery } }, async (request, reply) => {
    const { token, sent } = request.query
    reply.type('text/html')
    if (token === undefined) {
      const session = await signedInOrRedirect(app, request, reply, VERIFY_EMAIL_PATH)
      if (!session) return reply
      const notice = sent !== undefined && session.user.email !== undefined && !session.user.emailVerified
        ? `We sent a new link to ${session.user.email}.`
        : undefined
      return reply.send(statusPage(request, reply, session.user, notice === undefined ? {} : { notice }))
    }

    const verified = await verifyEmail(app, request, token)
    if (verified) {
      return reply.send(selfServicePage('Email address verified', html`<p class="notice" role="status"><strong>${verified.email}</strong> is verified. Thank you.</p>
<p><a href="/account">Your account</a></p>`))
    }
    const session = await currentSession(app, request)
    const problem = 'This link cannot be used: it has expired, was used already, or is for an address your account no longer has.'
    if (session) return reply.code(400).send(statusPage(request, reply, session.user, { problem }))
    return reply.code(400).send(selfServicePage('This link cannot be used', html`<p class="error" role="alert">${problem}</p>
<p><a href="/login?return_to=${VERIFY_EMAIL_PATH}">Sign in</a> to have a new link sent.</p>`))
  })

  app.post<{ Body: ResendVerificationForm }>(RESEND_PATH, { schema: { body: ResendVerificationForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, VERIFY_EMAIL_PATH)
    if (!session) return reply
    const { user } = session
    if (user.email === undefined || user.emailVerified) return reply.redirect(VERIFY_EMAIL_PATH, 303)
    const { maxResends, resendWindow } = app.config.emailVerification
    const { allowed, resetsIn } = await app.stores.failures.reserve(`verify-email:user:${user.id}`, maxResends, resendWindow)
    if (!allowed) {
      return reply.code(429).header('retry-after', String(resetsIn || resendWindow)).type('text/html')
        .send(statusPage(request, reply, user, { problem: 'We have sent several links lately. Please use the newest one, or try again later.' }))
    }
    await sendVerificationMail(app, request, user)
    return reply.redirect(`${VERIFY_EMAIL_PATH}?sent=1`, 303)
  })
}
