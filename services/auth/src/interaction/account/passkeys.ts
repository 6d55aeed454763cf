// GET /account/passkeys: the user's passkeys (name, when added, last used), each renamed or removed here; POST
// /account/passkeys adds one through the browser's WebAuthn ceremony. Adding and removing need a recent sign-in and are
// mailed; another user's passkey is refused as one that does not exist.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AccountNoticeQuery, AddPasskeyForm, RemovePasskeyForm, RenamePasskeyForm } from '@keyhold/contracts'
import { PasskeyRefused } from '../../accounts/passkeys/challenges.js'
import { addPasskey, registrationOptions } from '../../accounts/passkeys/registration.js'
import { securityEvent } from '../../accounts/security-events.js'
import { NotFound } from '../../errors.js'
import type { Passkey } from '../../storage/types.js'
import { browserOf, browserOrNew } from '../browser.js'
import { passkeyPagePolicy } from '../content-policy.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { signInAgainUrl } from '../paths.js'
import { ceremonyForm, passkeyScript } from '../passkeys/views.js'
import { isRecent, recentSignInOrRedirect, signedInOrRedirect } from '../recent-sign-in.js'
import type { Session } from '../session.js'
import { changed, noticeOf } from './notices.js'
import { accountPage, postForm, when, type Message } from './views.js'

const PATH = '/account/passkeys'
const RENAME = `${PATH}/rename`
const REMOVE = `${PATH}/remove`
const NOTICES = {
  added: 'The passkey was added: you can sign in with it now.',
  renamed: 'The passkey was renamed.',
  removed: 'The passkey was removed: it no longer signs you in.'
}
const NOT_ADDED = 'The passkey was not added. Try again; if your device says it already holds one for Keyhold, it is listed here.'

const seconds = (date: Date) => Math.floor(date.getTime() / 1000)

function row (request: FastifyRequest, reply: FastifyReply, passkey: Passkey) {
  return html`<li class="passkey"><strong>${passkey.name}</strong><br>
added ${when(seconds(passkey.createdAt))} · ${passkey.lastUsedAt ? html`last used ${when(seconds(passkey.lastUsedAt))}` : 'never used'}${passkey.backupEligible ? ' · synced' : ''}
${postForm(RENAME, formToken(request, reply, RENAME), html`<label for="name-${passkey.id}">New name</label>
<input type="text" id="name-${passkey.id}" name="name" maxlength="60" required value="${passkey.name}">
<div class="actions"><button type="submit" class="secondary">Rename</button></div>`, { id: passkey.id })}
${postForm(REMOVE, formToken(request, reply, REMOVE), html`<div class="actions"><button type="submit" class="secondary">Remove</button></div>`, { id: passkey.id })}</li>`
}

async function passkeysPage (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, session: Session, message: Message = {}): Promise<string> {
  const passkeys = await app.stores.passkeys.list(session.user.id)
  const adding = isRecent(session)
    ? ceremonyForm({
      ceremony: 'register',
      action: PATH,
      options: await registrationOptions(app, session.user, browserOrNew(app, request, reply)),
      csrf: formToken(request, reply, PATH),
      inside: html`<label for="name">Name it (so that you know it again)</label>
<input type="text" id="name" name="name" maxlength="60" required value="Passkey ${passkeys.length + 1}">`,
      button: 'Add a passkey'
    })
    : html`<p>To add a passkey, <a href="${signInAgainUrl(PATH)}">sign in again</a> first.</p>`
  reply.header('content-security-policy', passkeyPagePolicy(app.config.webauthn.origin)).type('text/html')
  return accountPage('Passkeys', html`<p>A passkey signs you in with your device's screen lock or security key, no password needed.</p>
${passkeys.length > 0 ? html`<ul class="passkeys">${passkeys.map((passkey) => row(request, reply, passkey))}</ul>` : html`<p>You have no passkey yet.</p>`}
<h2>Add a passkey</h2>
${adding}
${passkeyScript()}`, message)
}

export default async function passkeysPageRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AccountNoticeQuery }>(PATH, { schema: { querystring: AccountNoticeQuery } }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    return reply.send(await passkeysPage(app, request, reply, session, { notice: noticeOf(NOTICES, request.query.done) }))
  })

  app.post<{ Body: AddPasskeyForm }>(PATH, { schema: { body: AddPasskeyForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await recentSignInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const name = request.body.name?.trim() || 'Passkey'
    let added
    try {
      added = await addPasskey(app, session.user, browserOf(request), request.body.credential, name)
    } catch (error) {
      if (!(error instanceof PasskeyRefused)) throw error
      request.log.info({ reason: error.message }, 'passkey not added')
      return reply.code(400).send(await passkeysPage(app, request, reply, session, { problem: NOT_ADDED }))
    }
    await securityEvent(app, request, session.user, 'passkey.added', `A passkey named "${added.name}" was added to your account. It can sign you in without your password.`)
    return changed(reply, PATH, 'added')
  })

  app.post<{ Body: RenamePasskeyForm }>(RENAME, { schema: { body: RenamePasskeyForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const renamed = await app.stores.passkeys.rename(session.user.id, request.body.id, request.body.name.trim() || 'Passkey')
    if (!renamed) throw new NotFound('no such passkey')
    return changed(reply, PATH, 'renamed')
  })

  app.post<{ Body: RemovePasskeyForm }>(REMOVE, { schema: { body: RemovePasskeyForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await recentSignInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const removed = await app.stores.passkeys.remove(session.user.id, request.body.id)
    if (!removed) throw new NotFound('no such passkey')
    await securityEvent(app, request, session.user, 'passkey.removed', `The passkey named "${removed.name}" was removed from your account.`)
    return changed(reply, PATH, 'removed')
  })
}
