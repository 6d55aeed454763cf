// GET and POST /account/delete: closing the account, after a sign-in within five minutes and with its username typed
// out. Everything ends with it, as the account API's deletion does: grants, tokens, sessions (clients told), consents.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DeleteAccountForm } from '@keyhold/contracts'
import { deleteAccount } from '../../accounts/account-access.js'
import { securityEvent } from '../../accounts/security-events.js'
import { enforceUsername } from '../../accounts/username.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { page } from '../layout.js'
import { recentSignInOrRedirect } from '../recent-sign-in.js'
import { cookieOptions, SESSION_COOKIE, type Session } from '../session.js'
import { accountPage, postForm, type Message } from './views.js'

const PATH = '/account/delete'

function deletePage (request: FastifyRequest, reply: FastifyReply, session: Session, message: Message = {}): string {
  return accountPage('Delete your account', html`<p>Deleting your account signs you out everywhere, ends the access of every
application you connected, and removes your profile. It cannot be undone.</p>
${postForm(PATH, formToken(request, reply, PATH), html`<label for="confirm_username">Type your username, <strong>${session.user.username}</strong>, to confirm</label>
<input type="text" id="confirm_username" name="confirm_username" autocomplete="off" required>
<div class="actions"><button type="submit">Delete my account</button><a href="/account">Keep it</a></div>`)}`, message)
}

/** The username as typed names this account (compared in its enforced form, as at sign-in). */
const confirms = (typed: string | undefined, username: string): boolean =>
  typed !== undefined && enforceUsername(typed) !== undefined && enforceUsername(typed) === enforceUsername(username)

export default async function deletePageRoutes (app: FastifyInstance): Promise<void> {
  app.get(PATH, async (request, reply) => {
    const session = await recentSignInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    return reply.type('text/html').send(deletePage(request, reply, session))
  })

  app.post<{ Body: DeleteAccountForm }>(PATH, { schema: { body: DeleteAccountForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await recentSignInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    if (!confirms(request.body.confirm_username, session.user.username)) {
      return reply.code(400).type('text/html').send(deletePage(request, reply, session, { problem: 'Type your username exactly to confirm.' }))
    }
    await deleteAccount(app, session.user.id)
    await securityEvent(app, request, session.user, 'account.deleted', 'Your Keyhold account was deleted, and every session and application with it.')
    reply.clearCookie(SESSION_COOKIE, cookieOptions(app))
    return reply.type('text/html').send(page('Account deleted', html`<h1>Account deleted</h1><p>Your account is gone, and you are signed out.</p>`))
  })
}
