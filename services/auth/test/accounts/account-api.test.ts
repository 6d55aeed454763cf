import t from 'tap'
import { randomUUID } from 'node:crypto'
import { basic, build, clientCredentialsToken, createClient, postForm } from '../helper.js'
import { signUp } from '../browser.js'

t.test('the account API', async (t) => {
  const app = await build(t)
  const firstParty = await createClient(app, { client_name: 'app', grant_types: ['password', 'refresh_token'], scope: 'ships:read account', first_party: true })
  const auth = { authorization: basic(firstParty.client_id, firstParty.client_secret!) }
  const tokensFor = async (user: { username: string, password: string }) =>
    (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password }, auth)).json()
  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, token?: string, payload?: object) =>
    app.inject({ method, url, ...(token && { headers: { authorization: `Bearer ${token}` } }), ...(payload && { payload }) })

  const alice = await signUp(app, 'alice', 'alice has a long password')
  const bob = await signUp(app, 'bob', 'bob has a long password too')
  const aliceToken = (await tokensFor(alice)).access_token
  const bobToken = (await tokensFor(bob)).access_token

  t.test('no token → 401 with a bare Bearer challenge; a bad one → invalid_token', async (t) => {
    const none = await call('GET', '/api/users/me')
    t.equal(none.statusCode, 401)
    t.equal(none.headers['www-authenticate'], 'Bearer realm="keyhold"')
    const bad = await call('GET', '/api/users/me', 'not.a.token')
    t.equal(bad.statusCode, 401)
    t.match(bad.headers['www-authenticate'], /^Bearer realm="keyhold", error="invalid_token"/)
    t.equal(bad.json().error, 'invalid_token')
  })

  t.test('GET /me and one’s own account; never a password', async (t) => {
    const me = await call('GET', '/api/users/me', aliceToken)
    t.equal(me.statusCode, 200)
    t.same(Object.keys(me.json()).sort(), ['created_at', 'email_verified', 'id', 'updated_at', 'username'], 'no claim the user never set')
    t.equal((await call('GET', `/api/users/${alice.id}`, aliceToken)).json().username, 'alice')
  })

  t.test('other accounts and the list need users:read', async (t) => {
    const denied = await call('GET', `/api/users/${bob.id}`, aliceToken)
    t.equal(denied.statusCode, 403)
    t.match(denied.headers['www-authenticate'], /error="insufficient_scope", .*scope="users:read"/)
    t.equal((await call('GET', '/api/users', aliceToken)).statusCode, 403)

    const directory = await createClient(app, { scope: 'users:read' })
    const serviceToken = await clientCredentialsToken(app, directory, 'users:read')
    const page = await call('GET', '/api/users?limit=1', serviceToken)
    t.equal(page.statusCode, 200)
    t.equal(page.json().users.length, 1)
    const rest = await call('GET', `/api/users?limit=10&after=${page.json().next}`, serviceToken)
    t.equal(rest.json().users.length, 1)
    t.notOk(/password/.test(page.body + rest.body))
    t.equal((await call('GET', `/api/users/${randomUUID()}`, serviceToken)).statusCode, 404)
  })
})
