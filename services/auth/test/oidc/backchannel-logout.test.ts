// Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a session ends, by whatever means, each client
// that took part is posted a logout token, from the delivery queue, retried when it fails and kept across a restart.
import t from 'tap'
import type { Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { buildApp } from '../../src/app.js'
import { adminHeaders, isolatedConfig } from '../helper.js'
import { signIn } from '../browser.js'
import { eventually } from '@keyhold/service-kit/testing'
import { receiver, type Receiver } from '../delivery/receiver.js'
import { codeFlowTokens, createOidcClient, userWithBrowser, verifiedIdToken } from './support.js'

const FAST = { DELIVERY_POLL_INTERVAL_MS: '20', DELIVERY_RETRY_DELAYS_MS: '50,50,50' }

async function start (t: Test, env: Record<string, string> = FAST): Promise<FastifyInstance> {
  const app = await buildApp(await isolatedConfig(t, env))
  t.teardown(() => app.close())
  return app
}

/** The logout token of a received delivery, verified as Back-Channel Logout §2.6 asks an RP to. */
async function logoutClaims (app: FastifyInstance, received: Receiver['received'][number], clientId: string) {
  const token = new URLSearchParams(received.body).get('logout_token')!
  const keys = createLocalJWKSet((await app.inject('/jwks.json')).json())
  const { payload, protectedHeader } = await jwtVerify(token, keys, { issuer: app.config.issuer, audience: clientId, typ: 'logout+jwt', requiredClaims: ['iat', 'exp', 'jti'] })
  return { payload, protectedHeader }
}

t.test('signing out posts each client of the session a logout token naming the session', async (t) => {
  const rp = await receiver(t)
  const bystander = await receiver(t)
  const app = await start(t)
  const client = await createOidcClient(app, { backchannel_logout_uri: `${rp.url}/bc`, backchannel_logout_session_required: true })
  const elsewhere = await createOidcClient(app, { backchannel_logout_uri: `${bystander.url}/bc` })
  const signed = await userWithBrowser(app)
  const { body } = await codeFlowTokens(app, signed, client)
  const idToken = (await verifiedIdToken(app, body.id_token, client)).payload
  const stranger = await userWithBrowser(app)
  await codeFlowTokens(app, stranger, elsewhere)

  await signed.browser.post('/logout', { _csrf: (await signed.browser.get('/logout')).body.match(/name="_csrf" value="([^"]+)"/)![1]! })
  await eventually(async () => rp.received.length === 1)
  const [delivery] = rp.received
  t.equal(delivery!.method, 'POST')
  t.equal(delivery!.url, '/bc')
  t.match(delivery!.headers['content-type'], /^application\/x-www-form-urlencoded/)
  const { payload, protectedHeader } = await logoutClaims(app, delivery!, client.client_id)
  t.equal(protectedHeader.alg, 'RS256', 'signed with the client’s id_token algorithm')
  t.match(payload, { iss: app.config.issuer, aud: client.client_id, sub: signed.user.id, sid: idToken.sid, jti: String })
  t.same(payload.events, { 'http://schemas.openid.net/event/backchannel-logout': {} })
  t.notOk('nonce' in payload, 'a logout token never carries a nonce')
  t.equal(bystander.received.length, 0, 'a client of another session hears nothing')
})

t.test('a new password, an administrator and a deleted account end sessions the same way', async (t) => {
  const rp = await receiver(t)
  const app = await start(t)
  const client = await createOidcClient(app, { backchannel_logout_uri: `${rp.url}/bc` })
  const signed = await userWithBrowser(app)
  await codeFlowTokens(app, signed, client)
  const other = await userWithBrowser(app)
  await signIn(other.browser, signed.user)
  await codeFlowTokens(app, { ...other, user: signed.user }, client)

  const listing = await app.inject({ url: `/admin/users/${signed.user.id}/sessions`, headers: adminHeaders })
  t.equal(listing.statusCode, 200)
  const sessions = listing.json().sessions as Array<{ sid: string, clients: string[], amr: string[] }>
  t.equal(sessions.length, 2, 'two browsers, two sessions')
  t.same(sessions.map((session) => session.clients), [[client.client_id], [client.client_id]])
  t.same(sessions[0]!.amr, ['pwd'])
  t.equal((await app.inject({ url: `/admin/users/${signed.user.id}/sessions` })).statusCode, 401, 'only for the administrator')

  const stranger = await userWithBrowser(app)
  await signIn(stranger.browser, stranger.user)
  const foreignSid = (await app.inject({ url: `/admin/users/${stranger.user.id}/sessions`, headers: adminHeaders })).json().sessions[0].sid
  const crossed = await app.inject({ method: 'DELETE', url: `/admin/users/${signed.user.id}/sessions/${foreignSid}`, headers: adminHeaders })
  t.equal(crossed.statusCode, 404, 'a session is ended only under its own user')

  const ended = await app.inject({ method: 'DELETE', url: `/admin/users/${signed.user.id}/sessions/${sessions[0]!.sid}`, headers: adminHeaders })
  t.equal(ended.statusCode, 204)
  await eventually(async () => rp.received.length === 1)
  t.equal((await logoutClaims(app, rp.received[0]!, client.client_id)).payload.sid, sessions[0]!.sid)
  const again = await app.inject({ method: 'DELETE', url: `/admin/users/${signed.user.id}/sessions/${sessions[0]!.sid}`, headers: adminHeaders })
  t.equal(again.statusCode, 404)

  const all = await app.inject({ method: 'DELETE', url: `/admin/users/${signed.user.id}/sessions`, headers: adminHeaders })
  t.equal(all.statusCode, 204)
  await eventually(async () => rp.received.length === 2)
  t.equal((await logoutClaims(app, rp.received[1]!, client.client_id)).payload.sid, sessions[1]!.sid)
  t.same((await app.inject({ url: `/admin/users/${signed.user.id}/sessions`, headers: adminHeaders })).json().sessions, [])
})

t.test('a failing client is tried again; a job queued before a restart is delivered after it', async (t) => {
  const rp = await receiver(t, (res, n) => res.writeHead(n < 3 ? 503 : 200).end())
  const config = await isolatedConfig(t, { ...FAST, DELIVERY_POLL_INTERVAL_MS: '60000' })
  const idle = await buildApp(config)
  const client = await createOidcClient(idle, { backchannel_logout_uri: `${rp.url}/bc` })
  const signed = await userWithBrowser(idle)
  await codeFlowTokens(idle, signed, client)
  const listed = (await idle.inject({ url: `/admin/users/${signed.user.id}/sessions`, headers: adminHeaders })).json().sessions
  await idle.inject({ method: 'DELETE', url: `/admin/users/${signed.user.id}/sessions/${listed[0].sid}`, headers: adminHeaders })
  // The first try goes at once and fails; the next waits for a poll this instance will not live to make.
  await eventually(async () => rp.received.length === 1)
  await idle.close()

  const restarted = await buildApp({ ...config, delivery: { ...config.delivery, pollIntervalMs: 20 } })
  t.teardown(() => restarted.close())
  await eventually(async () => rp.received.length === 3)
  const tokens = rp.received.map((received) => new URLSearchParams(received.body).get('logout_token'))
  t.equal(new Set(tokens).size, 1, 'the same logout token each time')
})

t.test('a back-channel URI at a private address is never called: the delivery ends as a dead letter', async (t) => {
  const app = await start(t)
  const client = await createOidcClient(app, { backchannel_logout_uri: 'https://10.0.0.1/bc' })
  const signed = await userWithBrowser(app)
  await codeFlowTokens(app, signed, client)
  const sid = (await app.inject({ url: `/admin/users/${signed.user.id}/sessions`, headers: adminHeaders })).json().sessions[0].sid
  await app.inject({ method: 'DELETE', url: `/admin/users/${signed.user.id}/sessions/${sid}`, headers: adminHeaders })
  await eventually(async () => (await app.stores.deliveryQueue.deadLetters(10)).length === 1)
  const [dead] = await app.stores.deliveryQueue.deadLetters(10)
  t.match(dead, { kind: 'backchannel-logout', url: 'https://10.0.0.1/bc', attempts: Number })
  t.notMatch(JSON.stringify(dead), /logout_token/, 'the token is not kept')
})

t.test('a receiver that answers slowly does not hold up the user’s sign-out', async (t) => {
  const rp = await receiver(t, () => {})
  const app = await start(t)
  const client = await createOidcClient(app, { backchannel_logout_uri: `${rp.url}/bc` })
  const signed = await userWithBrowser(app)
  await codeFlowTokens(app, signed, client)
  const page = await signed.browser.get('/logout')
  const response = await signed.browser.post('/logout', { _csrf: page.body.match(/name="_csrf" value="([^"]+)"/)![1]! })
  t.equal(response.statusCode, 303, 'answered while the delivery still waits')
})
