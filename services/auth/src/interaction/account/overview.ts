// GET /account: who is signed in, and the way to each part of the account.
import type { FastifyInstance } from 'fastify'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { hidden, page } from '../layout.js'
import { signedInOrRedirect } from '../recent-sign-in.js'
import { ACCOUNT } from './views.js'

const SECTIONS: ReadonlyArray<readonly [path: string, title: string, what: string]> = [
  ['/account/profile', 'Profile', 'your name and email address'],
  ['/account/password', 'Password', 'change the password you sign in with'],
  ['/account/two-factor', 'Two-factor authentication', 'one-time codes from an app, and recovery codes'],
  ['/account/passkeys', 'Passkeys', 'sign in with your device instead of a password'],
  ['/account/sessions', 'Sessions', 'where you are signed in; sign out of any of them'],
  ['/account/applications', 'Connected applications', 'what may use your account; take access back'],
  ['/account/delete', 'Delete account', 'close your account for good']
]

export default async function overviewPage (app: FastifyInstance): Promise<void> {
  app.get(ACCOUNT, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, ACCOUNT)
    if (!session) return reply
    const { user } = session
    return reply.type('text/html').send(page('Your account', html`<h1>Your account</h1>
<p>Signed in as <strong>${user.username}</strong>${user.email !== undefined && html` (${user.email})`}.</p>
<ul class="sections">${SECTIONS.map(([path, title, what]) => html`<li><a href="${path}">${title}</a>: ${what}</li>`)}</ul>
<form method="post" action="/logout">${hidden('_csrf', formToken(request, reply, 'logout'))}
<div class="actions"><button type="submit" class="secondary">Sign out</button></div></form>`))
  })
}
