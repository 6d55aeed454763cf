// GET /account/applications: the applications that may use the account (what the user consented to, and clients
// holding grants without a consent, such as the password grant's), each with what it may do and since when. POST
// /account/applications/revoke takes one's access back: the consent is withdrawn (the next request asks again) and
// every grant of the user to it ends, refresh and access tokens alike, so that APIs refuse its next call. A client the
// user has not connected is refused as unknown, whoever else it serves.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AccountNoticeQuery, RevokeApplicationForm } from '@keyhold/contracts'
import { securityEvent } from '../../accounts/security-events.js'
import type { Client } from '../../clients/client.js'
import { NotFound } from '../../errors.js'
import { revokeUserClientGrants } from '../../oauth/user-grants.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { signedInOrRedirect } from '../recent-sign-in.js'
import type { User } from '../../storage/types.js'
import { changed, noticeOf } from './notices.js'
import { accountPage, postForm, when } from './views.js'

const PATH = '/account/applications'
const REVOKE = `${PATH}/revoke`
const NOTICES = { revoked: 'The application’s access has ended. It will have to ask you again to use your account.' }

interface Connection { client: Client, scopes?: string[], since: number }

/** The user's connected applications, oldest first; clients deleted meanwhile are left out. */
async function connections (app: FastifyInstance, user: User): Promise<Connection[]> {
  const [consents, grants] = await Promise.all([app.stores.consents.list(user.id), app.stores.userGrants.list(user.id)])
  const since = new Map<string, { scopes?: string[], since: number }>()
  for (const { clientId, scopes, createdAt } of consents) since.set(clientId, { scopes, since: Math.floor(createdAt.getTime() / 1000) })
  for (const { clientId, startedAt } of grants) {
    if (clientId === undefined || since.has(clientId)) continue
    since.set(clientId, { since: startedAt ?? Math.floor(Date.now() / 1000) })
  }
  const found = await Promise.all([...since].map(async ([clientId, connection]) => {
    const client = await app.stores.clients.find(clientId)
    return client && { client, ...connection }
  }))
  return found.filter((connection) => connection !== undefined).sort((a, b) => a.since - b.since)
}

async function scopeDescriptions (app: FastifyInstance, scopes: readonly string[]): Promise<string[]> {
  const catalogue = await app.apis.current()
  return scopes.map((scope) => catalogue.ownerOf(scope)?.scopes.find(({ name }) => name === scope)?.description ?? scope)
}

export default async function applicationsPage (app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AccountNoticeQuery }>(PATH, { schema: { querystring: AccountNoticeQuery } }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const listed = await connections(app, session.user)
    const csrf = listed.length > 0 ? formToken(request, reply, REVOKE) : ''
    const rows = await Promise.all(listed.map(async ({ client, scopes, since }) => html`<li class="application"><strong>${client.name}</strong><br>
${scopes === undefined
    ? html`Signed in with your password`
    : html`May:<ul class="scopes">${(await scopeDescriptions(app, scopes)).map((description) => html`<li>${description}</li>`)}</ul>`}since ${when(since)}
${postForm(REVOKE, csrf, html`<div class="actions"><button type="submit" class="secondary">Remove access</button></div>`, { client_id: client.id })}</li>`))
    return reply.type('text/html').send(accountPage('Connected applications', listed.length > 0
      ? html`<p>These applications may use your account.</p><ul class="applications">${rows}</ul>`
      : html`<p>No application may use your account.</p>`,
    { notice: noticeOf(NOTICES, request.query.done) }))
  })

  app.post<{ Body: RevokeApplicationForm }>(REVOKE, { schema: { body: RevokeApplicationForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const connection = (await connections(app, session.user)).find(({ client }) => client.id === request.body.client_id)
    if (connection === undefined) throw new NotFound('no such application')
    await revoke(app, request, session.user, connection.client)
    return changed(reply, PATH, 'revoked')
  })
}

/**
 * The consent goes first, so that no new authorization goes through without asking; then the grants. A code issued
 * before and redeemed after (within its 60 seconds) starts a grant this misses: it is listed, and can be removed again.
 */
async function revoke (app: FastifyInstance, request: FastifyRequest, user: User, client: Client): Promise<void> {
  await app.stores.consents.withdraw(user.id, client.id)
  await revokeUserClientGrants(app, user.id, client.id)
  await securityEvent(app, request, user, 'application.revoked', `${client.name} may no longer use your account: you removed its access.`)
}
