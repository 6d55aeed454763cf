import t from 'tap'
import { build, createClient } from '../helper.js'
import { signUp } from '../browser.js'
import { accessToken, callApi, createAccountClient, isActive } from './fixtures.js'

t.test('changing one’s standard claims through the account API', async (t) => {
  const app = await build(t)
  const client = await createAccountClient(app)
  const change = (user: { id: string, password: string }, token: string, claims: object, id = user.id) =>
    callApi(app, 'PUT', `/api/users/${id}`, token, { ...claims, current_password: user.password })
  const verify = (id: string) => app.db.updateTable('users').set({ email_verified: true }).where('id', '=', id).execute()
  const stored = (id: string) => app.db.selectFrom('users').select(['email', 'email_key', 'email_verified', 'name', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow()

  t.test('sets, normalises and removes claims; updated_at moves; tokens stay', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, client, user)
    const before = await stored(user.id)
    const set = await change(user, token, { email: 'Ada@Example.com', name: ' Ada Lovelace ', given_name: 'Ada', family_name: 'Lovelace' })
    t.equal(set.statusCode, 200)
    t.match(set.json(), { email: 'Ada@Example.com', email_verified: false, name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace' })
    t.ok(new Date(set.json().updated_at) > before.updated_at, 'updated_at moves with a claim')
    t.ok(await isActive(app, client, token), 'tokens carry no claim: they stay')

    const cleared = await change(user, token, { email: null, given_name: null })
    t.equal(cleared.statusCode, 200)
    t.same(Object.keys(cleared.json()).sort(), ['created_at', 'email_verified', 'family_name', 'id', 'name', 'updated_at', 'username'])
    t.match(await stored(user.id), { email: null, email_key: null, email_verified: false, name: 'Ada Lovelace' })
    t.match((await callApi(app, 'GET', '/api/users/me', token)).json(), { name: 'Ada Lovelace', family_name: 'Lovelace' })
  })

  t.test('a new address is unverified; the same one again keeps what was proven', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, client, user)
    await change(user, token, { email: 'kept@example.com' })
    await verify(user.id)
    t.equal((await change(user, token, { email: 'kept@example.com', name: 'Kept' })).json().email_verified, true)
    t.equal((await change(user, token, { name: 'Renamed' })).json().email_verified, true, 'other claims leave it')
    t.equal((await change(user, token, { email: 'other@example.com' })).json().email_verified, false)
    await verify(user.id)
    t.equal((await change(user, token, { email: 'OTHER@example.com' })).json().email_verified, false, 'even one differing only in case')
  })

  t.test('an address another account holds, in any case → 409, and nothing changes', async (t) => {
    const [holder, taker] = await Promise.all([signUp(app), signUp(app)])
    const [holderToken, takerToken] = await Promise.all([accessToken(app, client, holder), accessToken(app, client, taker)])
    await change(holder, holderToken, { email: 'held@example.com' })
    await change(taker, takerToken, { email: 'mine@example.com', name: 'Taker' })
    await verify(taker.id)
    const taken = await change(taker, takerToken, { email: 'HELD@example.com', name: 'Changed' })
    t.equal(taken.statusCode, 409)
    t.same(taken.json(), { error: 'invalid_request', error_description: 'that email address is taken' })
    t.match(await stored(taker.id), { email: 'mine@example.com', email_verified: true, name: 'Taker' })
  })

  t.test('malformed claims → 400 before the password is checked, and nothing changes', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, client, user)
    for (const claims of [{ email: 'two@at@example.com' }, { name: 'x\u202E' }, { family_name: 'x'.repeat(201) }, { email: '' }, { name: {} }]) {
      const response = await callApi(app, 'PUT', `/api/users/${user.id}`, token, { ...claims, current_password: 'not the password at all' })
      t.equal(response.statusCode, 400, JSON.stringify(claims).slice(0, 40))
      t.equal(response.json().error, 'invalid_request')
    }
    t.match(await stored(user.id), { email: null, name: null })
  })

  t.test('someone else’s token, or a token without the account scope, changes no address', async (t) => {
    const [victim, attacker] = await Promise.all([signUp(app), signUp(app)])
    const victimToken = await accessToken(app, client, victim)
    await change(victim, victimToken, { email: 'victim@example.com' })
    const attackerToken = await accessToken(app, client, attacker)
    const withTheirOwnPassword = await change(attacker, attackerToken, { email: 'attacker@example.com' }, victim.id)
    const withTheVictimsPassword = await change(victim, attackerToken, { email: 'attacker@example.com' })
    for (const response of [withTheirOwnPassword, withTheVictimsPassword]) {
      t.equal(response.statusCode, 403)
      t.same(response.json(), { error: 'insufficient_scope', error_description: 'only the account holder may change or delete it' })
    }
    const oidc = await createClient(app, { client_name: 'oidc', grant_types: ['password'], scope: 'openid profile email' })
    const oidcToken = await accessToken(app, oidc, victim, 'openid profile email')
    const noAccountScope = await change(victim, oidcToken, { email: 'attacker@example.com' })
    t.equal(noAccountScope.statusCode, 403)
    t.match(noAccountScope.headers['www-authenticate'], /error="insufficient_scope", .*scope="account"/)
    const wrongPassword = await callApi(app, 'PUT', `/api/users/${victim.id}`, victimToken, { email: 'attacker@example.com', current_password: 'a guessed password' })
    t.equal(wrongPassword.statusCode, 403)
    t.match(await stored(victim.id), { email: 'victim@example.com' })
  })

  t.test('a token for OpenID scopes alone reads no account: those grant only their claims', async (t) => {
    const user = await signUp(app)
    const oidc = await createClient(app, { client_name: 'oidc', grant_types: ['password'], scope: 'openid profile' })
    const token = await accessToken(app, oidc, user, 'openid profile')
    for (const url of ['/api/users/me', `/api/users/${user.id}`]) {
      const response = await callApi(app, 'GET', url, token)
      t.equal(response.statusCode, 403, url)
      t.match(response.headers['www-authenticate'], /error="insufficient_scope", .*scope="account"/)
    }
  })
})
