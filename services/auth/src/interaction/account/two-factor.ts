// GET and POST /account/two-factor: TOTP enrolment (a QR code and the secret as text, active once a first code
// confirms it), its removal, and recovery codes (ten, shown once, made anew on request). Every change needs a sign-in
// within five minutes, is recorded and mailed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { AccountNoticeQuery, TwoFactorForm } from '@keyhold/contracts'
import { securityEvent } from '../../accounts/security-events.js'
import { RECOVERY_CODE_COUNT, recoveryCodesLeft, regenerateRecoveryCodes } from '../../factors/recovery-codes.js'
import { checkTotp, hasTotp, pendingTotpEnrolment, startTotpEnrolment, type NewTotpSecret } from '../../factors/totp.js'
import { formToken } from '../csrf.js'
import { Html, html } from '../html.js'
import { isRecent, recentSignInOrRedirect, signedInOrRedirect } from '../recent-sign-in.js'
import type { Session } from '../session.js'
import { changed, noticeOf } from './notices.js'
import { accountPage, postForm, type Message } from './views.js'

export const TWO_FACTOR_PATH = '/account/two-factor'
const PATH = TWO_FACTOR_PATH
const TITLE = 'Two-factor authentication'
const NOTICES = {
  removed: 'The authenticator app is removed, with your recovery codes. Signing in takes your password alone.',
  cancelled: 'The setup is cancelled.',
  required: 'Signing in needs a second factor. Set up an authenticator app, then go back to the application and sign in again.'
}

const button = (action: string, label: string, secondary = false): Html =>
  html`<div class="actions"><button type="submit" name="action" value="${action}"${secondary ? new Html(' class="secondary"') : ''}>${label}</button></div>`

/** The secret in groups of four, as apps that take it typed show it. */
const grouped = (base32: string): string => base32.replace(/(.{4})(?=.)/g, '$1 ')

/** An inline SVG (an image element would need the page's policy to allow it) of the otpauth:// URI. */
const qrCode = async (uri: string): Promise<Html> =>
  new Html(await QRCode.toString(uri, { type: 'svg', margin: 1, width: 200, errorCorrectionLevel: 'M' }))

async function enrolmentSection (csrf: string, secret: NewTotpSecret): Promise<Html> {
  return html`<p>Scan this code with an authenticator app, or type the key into it. Then enter the six-digit code the app shows.</p>
<figure class="qr" aria-label="QR code for your authenticator app">${await qrCode(secret.uri)}</figure>
<p>Key: <code id="totp-secret">${grouped(secret.base32)}</code></p>
${postForm(PATH, csrf, html`<label for="code">Code from the app</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required>
${button('confirm', 'Turn on')}`)}
${postForm(PATH, csrf, button('cancel', 'Cancel', true))}`
}

function recoverySection (csrf: string, left: number): Html {
  return html`<h2>Recovery codes</h2>
<p>${left} of ${RECOVERY_CODE_COUNT} recovery codes left. Each signs you in once when your app is not at hand.</p>
${postForm(PATH, csrf, html`<p>New codes replace every code you have now.</p>${button('regenerate', 'Make new recovery codes', true)}`)}`
}

async function twoFactorPage (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, session: Session, message: Message): Promise<string> {
  const csrf = formToken(request, reply, PATH)
  const { user } = session
  if (await hasTotp(app, user)) {
    return accountPage(TITLE, html`<p>Signing in takes your password and a code from your authenticator app.</p>
${postForm(PATH, csrf, button('remove', 'Remove the authenticator app', true))}
${recoverySection(csrf, await recoveryCodesLeft(app, user))}`, message)
  }
  // The secret is shown only within a recent sign-in, like every change it leads to.
  const pending = isRecent(session) ? await pendingTotpEnrolment(app, user) : undefined
  if (pending) return accountPage(TITLE, await enrolmentSection(csrf, pending), message)
  return accountPage(TITLE, html`<p>Add a second step to signing in: a six-digit code from an authenticator app on your phone.</p>
${postForm(PATH, csrf, button('start', 'Set up an authenticator app'))}`, message)
}

function recoveryCodesPage (codes: string[], lead: string): string {
  return accountPage('Your recovery codes', html`<p class="notice" role="status">${lead}</p>
<p>Keep these codes somewhere safe. Each signs you in once in place of a code from your app. They are shown only now.</p>
<ul id="recovery-codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ul>
<p><a href="${PATH}">Done</a></p>`)
}

export default async function twoFactorPageRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AccountNoticeQuery }>(PATH, { schema: { querystring: AccountNoticeQuery } }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    return reply.type('text/html').send(await twoFactorPage(app, request, reply, session, { notice: noticeOf(NOTICES, request.query.done) }))
  })

  app.post<{ Body: TwoFactorForm }>(PATH, { schema: { body: TwoFactorForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await recentSignInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const { user } = session
    const again = async (status: number, problem: string) =>
      reply.code(status).type('text/html').send(await twoFactorPage(app, request, reply, session, { problem }))

    switch (request.body.action) {
      case 'start':
        if (!await startTotpEnrolment(app, user)) return again(409, 'An authenticator app is already set up. Remove it first to set up another.')
        return reply.redirect(PATH, 303)
      case 'cancel':
        if (!await hasTotp(app, user)) await app.stores.secondFactors.removeTotp(user.id)
        return changed(reply, PATH, 'cancelled')
      case 'confirm': {
        const code = request.body.code
        if (code === undefined) return again(400, 'Enter the code your app shows.')
        if (!await checkTotp(app, user, code, { confirming: true })) {
          return again(400, 'That code is not right. Check the time on your phone, and enter the code the app shows now.')
        }
        await securityEvent(app, request, user, 'second-factor.added',
          'An authenticator app was set up for your account: signing in now takes a code from it.')
        const codes = await regenerateRecoveryCodes(app, user)
        await securityEvent(app, request, user, 'recovery-codes.created')
        return reply.type('text/html').send(recoveryCodesPage(codes, 'Your authenticator app is on.'))
      }
      case 'remove':
        if (!await app.stores.secondFactors.removeTotp(user.id)) return reply.redirect(PATH, 303)
        await app.stores.secondFactors.removeRecoveryCodes(user.id)
        await securityEvent(app, request, user, 'second-factor.removed',
          'The authenticator app of your account was removed, and its recovery codes with it: signing in takes your password alone.')
        return changed(reply, PATH, 'removed')
      case 'regenerate': {
        if (!await hasTotp(app, user)) return again(409, 'Set up an authenticator app first: recovery codes stand in for it.')
        const codes = await regenerateRecoveryCodes(app, user)
        await securityEvent(app, request, user, 'recovery-codes.created',
          'New recovery codes were made for your account; the codes you had before no longer work.')
        return reply.type('text/html').send(recoveryCodesPage(codes, 'New recovery codes are ready; the old ones no longer work.'))
      }
    }
  })
}
