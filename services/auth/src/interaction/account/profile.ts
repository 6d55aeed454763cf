// GET and POST /account/profile: the standard claims the account holds (name, given and family name, email address).
// A new email address, or none, takes a sign-in within five minutes: the address is where the account is recovered
// and warned. It starts unverified, is sent a verification mail, and the old address is told.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AccountNoticeQuery, ProfileForm } from '@keyhold/contracts'
import { claimChanges } from '../../accounts/claims.js'
import { sendVerificationMail } from '../../accounts/email-verification.js'
import { securityEvent } from '../../accounts/security-events.js'
import { InvalidRequest } from '../../errors.js'
import type { User, UserClaimChanges } from '../../storage/types.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { isRecent, signedInOrRedirect } from '../recent-sign-in.js'
import { signInAgainUrl } from '../paths.js'
import { changed, noticeOf } from './notices.js'
import { accountPage, postForm, type Message } from './views.js'

const PATH = '/account/profile'
const NOTICES = {
  saved: 'Your profile has been saved.',
  'email-changed': 'Your email address has been changed. We sent a link to the new address to confirm it is yours.',
  unchanged: 'Nothing was changed.'
}

type Claim = 'name' | 'givenName' | 'familyName' | 'email'
const FIELDS: ReadonlyArray<readonly [field: keyof ProfileForm & string, claim: Claim, label: string, type: string, autocomplete: string]> = [
  ['name', 'name', 'Full name', 'text', 'name'],
  ['given_name', 'givenName', 'Given name', 'text', 'given-name'],
  ['family_name', 'familyName', 'Family name', 'text', 'family-name'],
  ['email', 'email', 'Email address', 'email', 'email']
]

function profilePage (request: FastifyRequest, reply: FastifyReply, user: User, message: Message, shown: Partial<Record<Claim, string>> = user): string {
  return accountPage('Profile', html`<p>Username: <strong>${user.username}</strong></p>
${postForm(PATH, formToken(request, reply, PATH), html`${FIELDS.map(([field, claim, label, type, autocomplete]) => html`
<label for="${field}">${label}</label>
<input type="${type}" id="${field}" name="${field}" autocomplete="${autocomplete}" value="${shown[claim] ?? ''}">`)}
${user.email !== undefined && html`<p>${user.emailVerified ? 'Your email address is verified.' : html`Your email address is not verified yet: <a href="/verify-email">verify it</a>.`}</p>`}
<p>Changing your email address asks you to sign in again if you signed in more than five minutes ago.</p>
<div class="actions"><button type="submit">Save</button></div>`)}`, message)
}

/** The claims the form changes: an empty field removes its claim; a value equal to the current one is no change. */
function changesFrom (form: ProfileForm, user: User): UserClaimChanges {
  const wanted = claimChanges({ email: form.email ?? null, name: form.name ?? null, given_name: form.given_name ?? null, family_name: form.family_name ?? null })
  const changes: UserClaimChanges = {}
  for (const [, claim] of FIELDS) {
    const value = wanted[claim]
    const current = user[claim]
    const next = value === null || value === undefined ? undefined : typeof value === 'string' ? value : value.address
    if (next !== current) Object.assign(changes, { [claim]: value ?? null })
  }
  return changes
}

export default async function profilePageRoutes (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AccountNoticeQuery }>(PATH, { schema: { querystring: AccountNoticeQuery } }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    return reply.type('text/html').send(profilePage(request, reply, session.user, { notice: noticeOf(NOTICES, request.query.done) }))
  })

  app.post<{ Body: ProfileForm }>(PATH, { schema: { body: ProfileForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const { user } = session
    const typed = { name: request.body.name, givenName: request.body.given_name, familyName: request.body.family_name, email: request.body.email }
    const again = (status: number, problem: string) => reply.code(status).type('text/html').send(profilePage(request, reply, user, { problem }, typed))

    let changes: UserClaimChanges
    try {
      changes = changesFrom(request.body, user)
    } catch (error) {
      if (error instanceof InvalidRequest) return again(400, `The ${error.description?.replace(/^the /, '') ?? 'input is not valid'}.`)
      throw error
    }
    if (Object.keys(changes).length === 0) return changed(reply, PATH, 'unchanged')
    const newEmail = 'email' in changes
    if (newEmail && !isRecent(session)) return reply.redirect(signInAgainUrl(PATH), 303)

    const updated = await app.stores.users.update(user.id, changes)
    if (updated === 'email_taken') return again(409, 'Another account has that email address.')
    if (updated === undefined || updated === 'taken') return reply.redirect(PATH, 303)
    if (!newEmail) {
      await securityEvent(app, request, updated, 'profile.changed', 'The name on your account was changed.')
      return changed(reply, PATH, 'saved')
    }
    // The old address hears of it: if this was not its owner, that is where they learn of it.
    await securityEvent(app, request, user, 'email.changed', updated.email === undefined
      ? 'The email address was removed from your account: it will no longer be told of changes to it.'
      : `The email address of your account was changed to ${updated.email}.`)
    if (updated.email !== undefined) await sendVerificationMail(app, request, updated)
    return changed(reply, PATH, updated.email === undefined ? 'saved' : 'email-changed')
  })
}
