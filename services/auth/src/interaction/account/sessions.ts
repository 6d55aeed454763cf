// GET /account/sessions: where the user is signed in (device, address, when it started, last seen, this browser marked);
// POST /account/sessions/end ends one, a sign-out of that browser with back-channel logout for the clients it signed
// in to; POST /account/sessions/end-others ends every one but this browser's. Another user's session is refused as one
// that does not exist.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AccountForm, AccountNoticeQuery, EndSessionForm } from '@keyhold/contracts'
import { securityEvent } from '../../accounts/security-events.js'
import { NotFound } from '../../errors.js'
import { sessionsEnded } from '../../oauth/logout/ended-sessions.js'
import type { SessionRecord } from '../../storage/types.js'
import { formToken } from '../csrf.js'
import { html } from '../html.js'
import { signedInOrRedirect } from '../recent-sign-in.js'
import { endSession, type Session } from '../session.js'
import { describeDevice } from './device.js'
import { changed, noticeOf } from './notices.js'
import { accountPage, postForm, when } from './views.js'

const PATH = '/account/sessions'
const END = `${PATH}/end`
const END_OTHERS = `${PATH}/end-others`
const NOTICES = {
  ended: 'The session has ended: that browser is signed out.',
  'others-ended': 'Every other session has ended: you are signed in only here.'
}

interface Listed { sessionHash: string, record: SessionRecord }

const newestFirst = (a: Listed, b: Listed) => (b.record.lastSeen ?? b.record.authTime) - (a.record.lastSeen ?? a.record.authTime)
const describe = ({ record }: Listed) => `${describeDevice(record.userAgent)}${record.address !== undefined ? `, ${record.address}` : ''}`

async function clientNames (app: FastifyInstance, sid: string | undefined): Promise<string[]> {
  if (sid === undefined) return []
  const clients = await Promise.all((await app.stores.sessions.participants(sid)).map((id) => app.stores.clients.find(id)))
  return clients.flatMap((client) => client === undefined ? [] : [client.name])
}

export default async function sessionsPage (app: FastifyInstance): Promise<void> {
  const { sessions } = app.stores
  const listed = async (session: Session) => (await sessions.listForUser(session.user.id)).sort(newestFirst)

  app.get<{ Querystring: AccountNoticeQuery }>(PATH, { schema: { querystring: AccountNoticeQuery } }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const all = await listed(session)
    const isThis = (one: Listed) => one.sessionHash === session.signIn
    // This browser's first, then the others, most recently seen first.
    const ordered = [...all.filter(isThis), ...all.filter((one) => !isThis(one))]
    const rows = await Promise.all(ordered.map(async (one) => {
      const { record } = one
      const isCurrent = isThis(one)
      const clients = await clientNames(app, record.sid)
      return html`<li class="session"><strong>${describeDevice(record.userAgent)}</strong>${isCurrent && html` · <em>this browser</em>`}<br>
${record.address !== undefined && html`from ${record.address} · `}signed in ${when(record.authTime)} · last seen ${when(record.lastSeen ?? record.authTime)}
${clients.length > 0 && html`<br>signed in to ${clients.join(', ')}`}
${!isCurrent && record.sid !== undefined && postForm(END, formToken(request, reply, END),
  html`<div class="actions"><button type="submit" class="secondary">End this session</button></div>`, { sid: record.sid })}</li>`
    }))
    const others = all.filter((one) => !isThis(one)).length
    return reply.type('text/html').send(accountPage('Sessions', html`<p>Where you are signed in to Keyhold now.</p>
<ul class="sessions">${rows}</ul>
${others > 0 && postForm(END_OTHERS, formToken(request, reply, END_OTHERS),
  html`<div class="actions"><button type="submit">Sign out of every other session</button></div>`)}`,
    { notice: noticeOf(NOTICES, request.query.done) }))
  })

  app.post<{ Body: EndSessionForm }>(END, { schema: { body: EndSessionForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const match = (await listed(session)).find(({ record }) => record.sid === request.body.sid)
    if (match === undefined) throw new NotFound('no such session')
    // Ending this browser's own session is signing out.
    if (match.sessionHash === session.signIn) {
      await endSession(app, request, reply)
      return reply.redirect('/logout', 303)
    }
    await endOne(app, request, session, match)
    return changed(reply, PATH, 'ended')
  })

  app.post<{ Body: AccountForm }>(END_OTHERS, { schema: { body: AccountForm }, preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await signedInOrRedirect(app, request, reply, PATH)
    if (!session) return reply
    const others = (await listed(session)).filter(({ sessionHash }) => sessionHash !== session.signIn)
    const ended = (await Promise.all(others.map(({ sessionHash }) => sessions.end(sessionHash)))).filter((one) => one !== undefined)
    await sessionsEnded(app, ended, { signedOut: true })
    if (ended.length > 0) {
      await securityEvent(app, request, session.user, 'session.ended',
        `Every other session of your account (${ended.length}) was ended from your account page.`)
    }
    return changed(reply, PATH, 'others-ended')
  })
}

async function endOne (app: FastifyInstance, request: FastifyRequest, session: Session, match: Listed): Promise<void> {
  const ended = await app.stores.sessions.end(match.sessionHash)
  // A session that ended meanwhile (signed out, expired) is as good as ended here.
  if (ended === undefined) return
  await sessionsEnded(app, [ended], { signedOut: true })
  await securityEvent(app, request, session.user, 'session.ended', `A session of your account (${describe(match)}) was ended from your account page.`)
}
