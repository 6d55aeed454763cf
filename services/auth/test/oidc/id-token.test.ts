// The id_token of the code flow and of refreshes (OpenID Connect Core §3.1.3.7, §12.2), checked with a JOSE library.
import t from 'tap'
import { basic, build, decodeJwt, postForm } from '../helper.js'
import { redeem } from '../browser.js'
import { atHash, codeFlowTokens, createOidcClient, nonce, userWithBrowser, verifiedIdToken } from './support.js'

t.test('the code flow with openid returns an id_token for the client, signed RS256 by default', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const signed = await userWithBrowser(app)
  const sent = nonce()
  const before = Math.floor(Date.now() / 1000)
  const { body } = await codeFlowTokens(app, signed, client, { nonce: sent })
  t.match(body, { token_type: 'Bearer', id_token: String, access_token: String })
  const { payload, alg } = await verifiedIdToken(app, body.id_token, client)
  t.equal(alg, 'RS256')
  t.equal(decodeJwt(body.id_token).header.typ, 'JWT')
  t.match(payload, { iss: app.config.issuer, sub: signed.user.id, aud: client.client_id, nonce: sent, amr: ['pwd'], acr: '1', sid: String })
  t.equal(payload.at_hash, atHash(body.access_token), 'at_hash binds the access token issued beside it')
  const authTime = payload.auth_time as number
  t.ok(authTime >= before && authTime <= payload.iat!, 'auth_time is when the user signed in')
  t.equal(payload.exp! - payload.iat!, app.config.idTokenTtl)
  t.notOk('email' in payload, 'claims come from userinfo when an access token is issued (Core §5.4)')
})

t.test('an ES256 client gets ES256 id_tokens; both keys verify from one JWKS', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app, { id_token_signed_response_alg: 'ES256' })
  const { body } = await codeFlowTokens(app, await userWithBrowser(app), client)
  const { alg, payload } = await verifiedIdToken(app, body.id_token, client)
  t.equal(alg, 'ES256')
  t.notOk('nonce' in payload, 'no nonce when the request sent none')
})

t.test('without openid there is no id_token', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const { body } = await codeFlowTokens(app, await userWithBrowser(app), client, { scope: 'ships:read' })
  t.notOk('id_token' in body)
})

t.test('a refresh returns a new id_token with the same sub and auth_time and no nonce (Core §12.2)', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const { body } = await codeFlowTokens(app, await userWithBrowser(app), client, { nonce: nonce() })
  const first = (await verifiedIdToken(app, body.id_token, client)).payload
  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(refreshed.statusCode, 200)
  const next = refreshed.json()
  const second = (await verifiedIdToken(app, next.id_token, client)).payload
  t.equal(second.sub, first.sub)
  t.equal(second.auth_time, first.auth_time)
  t.equal(second.sid, first.sid)
  t.notOk('nonce' in second)
  t.equal(second.at_hash, atHash(next.access_token))

  const narrowed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: next.refresh_token, scope: 'ships:read' },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.notOk('id_token' in narrowed.json(), 'a refresh narrowed to leave out openid gets none')
})

t.test('each request gets its own nonce back, and a replayed code no id_token at all', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const signed = await userWithBrowser(app)
  const [a, b] = [nonce(), nonce()]
  const first = await codeFlowTokens(app, signed, client, { nonce: a })
  const second = await codeFlowTokens(app, signed, client, { nonce: b })
  t.equal((await verifiedIdToken(app, first.body.id_token, client)).payload.nonce, a)
  t.equal((await verifiedIdToken(app, second.body.id_token, client)).payload.nonce, b)
  const replay = await redeem(app, client, { code: first.code, code_verifier: first.verifier })
  t.equal(replay.statusCode, 400)
  t.same(Object.keys(replay.json()).sort(), ['error', 'error_description'])
})

t.test('an id_token is for its client alone: another client cannot redeem the code that carries it', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const other = await createOidcClient(app)
  const signed = await userWithBrowser(app)
  const { body } = await codeFlowTokens(app, signed, client)
  await t.rejects(verifiedIdToken(app, body.id_token, other), 'the audience is the client it was issued to')
})

t.test('the password grant with openid returns an id_token without a session', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app, { grant_types: ['password'], redirect_uris: [], first_party: true })
  const { user } = await userWithBrowser(app)
  const response = await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password, scope: 'openid offline_access' },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(response.statusCode, 200)
  t.equal(response.json().scope, 'openid', 'offline_access is not given without the consent page')
  const { payload } = await verifiedIdToken(app, response.json().id_token, client)
  t.match(payload, { sub: user.id, amr: ['pwd'] })
  t.notOk('sid' in payload, 'no browser session, so no sid')
})
