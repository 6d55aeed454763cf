// A refresh issues only what the client may still have and the user still grants, and no refresh token outlives its grant's longest life.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ClientWithSecret } from '@keyhold/contracts'
import { sha256 } from '../../src/crypto/hash.js'
import { adminHeaders, basic, build, createClient, decodeJwt, postForm, storeAsBeforeClientTrust } from '../helper.js'
import { Browser, codeFor, createWebClient, REDIRECT_URI, redeem, signUp } from '../browser.js'

const refresh = (app: FastifyInstance, client: ClientWithSecret, refreshToken: string) =>
  postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, { authorization: basic(client.client_id, client.client_secret!) })

const setClientScope = async (app: FastifyInstance, client: ClientWithSecret, scope: string) => {
  const response = await app.inject({
    method: 'PUT',
    url: `/admin/clients/${client.client_id}`,
    headers: adminHeaders,
    payload: { client_name: 'Ship Tracker', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: [REDIRECT_URI], scope }
  })
  if (response.statusCode !== 200) throw new Error(`client update failed: ${response.body}`)
}

async function consentedTokens (app: FastifyInstance, client: ClientWithSecret, user: { id: string, username: string, password: string }) {
  const { code, verifier } = await codeFor(new Browser(app), user, client, { scope: 'ships:read ships:write' })
  return (await redeem(app, client, { code, code_verifier: verifier })).json()
}

t.test('an administrator cutting the client\'s scope between two refreshes', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const first = await consentedTokens(app, client, await signUp(app))

  await setClientScope(app, client, 'ships:read')
  const cut = await refresh(app, client, first.refresh_token)
  t.equal(cut.statusCode, 200)
  t.equal(cut.json().scope, 'ships:read', 'the answer says what was issued')
  t.equal(decodeJwt(cut.json().access_token).payload.scope, 'ships:read', 'and the access token carries only that')

  await setClientScope(app, client, 'ships:read ships:write')
  const restored = await refresh(app, client, cut.json().refresh_token)
  t.equal(restored.json().scope, 'ships:read ships:write', 'the refresh token kept what was granted')

  await setClientScope(app, client, 'profile')
  const none = await refresh(app, client, restored.json().refresh_token)
  t.equal(none.statusCode, 400)
  t.equal(none.json().error, 'invalid_grant', 'nothing of the grant is still allowed')
})

t.test('a grant given on the consent page ends with the user\'s consent', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const user = await signUp(app)
  const first = await consentedTokens(app, client, user)

  await app.db.updateTable('consents').set({ scopes: ['ships:read'] }).where('user_id', '=', user.id).execute()
  const narrowed = await refresh(app, client, first.refresh_token)
  t.equal(narrowed.json().scope, 'ships:read', 'only what the user still grants')

  await app.db.deleteFrom('consents').where('user_id', '=', user.id).execute()
  const withdrawn = await refresh(app, client, narrowed.json().refresh_token)
  t.equal(withdrawn.json().error, 'invalid_grant')
})

t.test('a password grant, given without the consent page, refreshes within the client\'s scope alone', async (t) => {
  const app = await build(t)
  const client = await createClient(app, { client_name: 'first party', grant_types: ['password', 'refresh_token'], scope: 'ships:read' })
  const user = await signUp(app)
  const first = (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password },
    { authorization: basic(client.client_id, client.client_secret!) })).json()
  const next = await refresh(app, client, first.refresh_token)
  t.equal(next.statusCode, 200)
  t.equal(next.json().scope, 'ships:read')
  const after = await refresh(app, client, next.json().refresh_token)
  t.equal(after.json().scope, 'ships:read', 'and so does its successor: no consent is looked for')
})

t.test('a grant that holds no scope refreshes to one that holds none', async (t) => {
  const app = await build(t)
  const client = await createClient(app, { client_name: 'first party', grant_types: ['password', 'refresh_token'], scope: 'account', first_party: true })
  // Stored with the account scope before client trust existed: it may be granted nothing.
  await storeAsBeforeClientTrust(app, client.client_id)
  const user = await signUp(app)
  const first = (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password },
    { authorization: basic(client.client_id, client.client_secret!) })).json()
  t.equal(first.scope, '')
  const next = await refresh(app, client, first.refresh_token)
  t.equal(next.statusCode, 200)
  t.equal(next.json().scope, '')
})

t.test('GRANT_MAX_LIFETIME bounds every successor, in its record and in Redis', async (t) => {
  const app = await build(t, { REFRESH_TOKEN_TTL: '60', GRANT_MAX_LIFETIME: '60' })
  const client = await createWebClient(app)
  const first = await consentedTokens(app, client, await signUp(app))
  const started = (await app.stores.refreshTokens.find(sha256(first.refresh_token)))!
  // Rotation a second later: a fresh REFRESH_TOKEN_TTL would now reach past the grant's end.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const next = (await refresh(app, client, first.refresh_token)).json()
  const successorHash = sha256(next.refresh_token)
  const successor = (await app.stores.refreshTokens.find(successorHash))!
  t.equal(successor.grantStartedAt, started.issuedAt, 'the grant\'s start is kept')
  t.equal(successor.expiresAt, started.issuedAt + 60, 'min(now + REFRESH_TOKEN_TTL, grant start + GRANT_MAX_LIFETIME)')
  const pttl = await app.redis!.pttl(`${app.config.redisPrefix}rt:${successorHash}`)
  t.ok(pttl > 0 && pttl <= (started.issuedAt + 60) * 1000 - Date.now() + 1000, `Redis forgets it with the grant (${pttl} ms)`)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const third = (await refresh(app, client, next.refresh_token)).json()
  t.equal((await app.stores.refreshTokens.find(sha256(third.refresh_token)))!.grantStartedAt, started.issuedAt, 'and kept by the successor\'s successor')
})
