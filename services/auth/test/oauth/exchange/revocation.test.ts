// An exchanged token ends with the authorization it came from, and never outlives the token it was exchanged for.
import t from 'tap'
import { sha256 } from '../../../src/crypto/hash.js'
import { issueAccessToken } from '../../../src/oauth/access-tokens.js'
import { callApi, createAccountClient } from '../../accounts/fixtures.js'
import { adminHeaders, clientCredentialsToken, createClient, decodeJwt, postForm } from '../../helper.js'
import { addPolicy, auth, BILLING, exchange, exchanged, exchangingClient, isActive, LEDGER, RESOURCE, world } from './support.js'

t.test('an exchanged token dies with the grant of its subject token', async (t) => {
  const { app, user, web, service, userTokens } = await world(t)
  const billing = await exchangingClient(app, BILLING)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  await addPolicy(app, { client_id: billing.client_id, source_api: BILLING, source_scope: 'invoices:read', target_api: LEDGER, target_scope: 'entries:read' })
  /** A user's tokens, the token exchanged from them and the one exchanged from that. */
  const chain = async () => {
    const tokens = await userTokens()
    const forBilling = await exchanged(app, service, { subject_token: tokens.access_token, audience: BILLING })
    const forLedger = await exchanged(app, billing, { subject_token: forBilling, audience: LEDGER })
    return { ...tokens, forBilling, forLedger }
  }
  const alive = async (tokens: { forBilling: string, forLedger: string }) =>
    [await isActive(app, service, tokens.forBilling), await isActive(app, billing, tokens.forLedger)]

  t.test('revoking the refresh token ends the grant, exchanged tokens included', async (t) => {
    const tokens = await chain()
    t.same(await alive(tokens), [true, true])
    await postForm(app, '/revoke', { token: tokens.refresh_token, token_type_hint: 'refresh_token' }, auth(web))
    t.same(await alive(tokens), [false, false])
  })

  t.test('a replayed refresh token ends them too', async (t) => {
    const tokens = await chain()
    const refresh = () => postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, auth(web))
    t.equal((await refresh()).statusCode, 200)
    t.equal((await refresh()).json().error, 'invalid_grant')
    t.same(await alive(tokens), [false, false])
  })

  t.test('revoking the subject access token alone leaves the exchanged tokens to their grant', async (t) => {
    const tokens = await chain()
    await postForm(app, '/revoke', { token: tokens.access_token }, auth(web))
    t.equal(await isActive(app, web, tokens.access_token), false)
    t.same(await alive(tokens), [true, true])
  })

  t.test('deleting the exchanging client ends what it obtained', async (t) => {
    const tokens = await chain()
    const other = await exchangingClient(app, RESOURCE)
    await addPolicy(app, { client_id: other.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
    const forOther = await exchanged(app, other, { subject_token: tokens.access_token, audience: BILLING })
    await app.inject({ method: 'DELETE', url: `/admin/clients/${other.client_id}`, headers: adminHeaders })
    t.equal(await isActive(app, billing, forOther), false)
    t.same(await alive(tokens), [true, true], "others' exchanges stand")
  })

  t.test("deleting the user's client ends its grants and what was exchanged from them", async (t) => {
    const tokens = await chain()
    await app.inject({ method: 'DELETE', url: `/admin/clients/${web.client_id}`, headers: adminHeaders })
    t.same(await alive(tokens), [false, false])
  })

  t.test('deleting the user ends them', async (t) => {
    const accountClient = await createAccountClient(app, 'account calls')
    const signIn = await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password }, auth(accountClient))
    const { access_token: token } = signIn.json()
    const forBilling = await exchanged(app, service, { subject_token: token, audience: BILLING })
    t.equal((await callApi(app, 'DELETE', `/api/users/${user.id}`, token, { current_password: user.password })).statusCode, 204)
    t.equal(await isActive(app, service, forBilling), false)
  })
})

t.test("a client's own token, exchanged, dies with that client", async (t) => {
  const { app, service } = await world(t)
  const caller = await createClient(app, { scope: 'calls' })
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  const forBilling = await exchanged(app, service, { subject_token: await clientCredentialsToken(app, caller, 'calls'), audience: BILLING })
  t.match(decodeJwt(forBilling).payload, { sub: caller.client_id, client_id: service.client_id })
  t.equal(await isActive(app, service, forBilling), true)
  await app.inject({ method: 'DELETE', url: `/admin/clients/${caller.client_id}`, headers: adminHeaders })
  t.equal(await isActive(app, service, forBilling), false)
})

t.test('an exchanged token never outlives its subject token', async (t) => {
  const { app, user, web, service, userTokens } = await world(t)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  const { access_token: full } = await userTokens()
  const { grantId } = (await app.stores.accessTokens.find(sha256(full)))!
  const short = await issueAccessToken(app, { subject: user.id, clientId: web.client_id, scopes: ['calls'], username: user.username, lifetime: 90, grantId: grantId! })
  const response = await exchange(app, service, { subject_token: short.token, audience: BILLING })
  t.equal(response.statusCode, 200)
  t.ok(response.json().expires_in <= 90, 'expires_in within what the subject has left')
  t.ok((decodeJwt(response.json().access_token).payload.exp as number) <= short.claims.exp)
  const long = await exchange(app, service, { subject_token: full, audience: BILLING })
  t.ok(long.json().expires_in <= 3600, 'and never past ACCESS_TOKEN_TTL')
})
