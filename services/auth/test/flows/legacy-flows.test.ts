import t from 'tap'
import { basic, build, createClient, decodeJwt, postForm } from '../helper.js'
import { authorize, Browser, createWebClient, REDIRECT_URI, signUp } from '../browser.js'

t.test('legacy flows are off unless an administrator flags a client', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '2' })
  const user = await signUp(app)
  const plain = await createWebClient(app)
  const firstParty = await createClient(app, { client_name: 'first party', grant_types: ['password', 'refresh_token'], scope: 'ships:read' })
  const implicitClient = await createClient(app, {
    client_name: 'old spa', grant_types: ['implicit'], redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none', scope: 'ships:read'
  })
  const passwordGrant = (client: { client_id: string, client_secret?: string }, fields: Record<string, string>) =>
    postForm(app, '/token', { grant_type: 'password', ...fields }, { authorization: basic(client.client_id, client.client_secret!) })

  t.test('password grant: unflagged client → unauthorized_client', async (t) => {
    const response = await passwordGrant(plain, { username: user.username, password: user.password })
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'unauthorized_client')
  })

  t.test('password grant: a flagged client gets user tokens', async (t) => {
    const response = await passwordGrant(firstParty, { username: user.username, password: user.password, scope: 'ships:read' })
    t.equal(response.statusCode, 200)
    t.match(response.json(), { token_type: 'Bearer', scope: 'ships:read', refresh_token: String })
    t.equal(decodeJwt(response.json().access_token).payload.sub, user.id)
  })

  t.test('password grant: a missing username or password → invalid_request, nothing checked', async (t) => {
    for (const fields of [{ username: user.username }, { password: user.password }] as Array<Record<string, string>>) {
      const response = await passwordGrant(firstParty, fields)
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, 'invalid_request')
    }
  })

  t.test('password grant: wrong credentials → invalid_grant, then throttled', async (t) => {
    const victim = await signUp(app)
    const wrong = await passwordGrant(firstParty, { username: victim.username, password: 'wrong password' })
    t.same(wrong.json(), { error: 'invalid_grant', error_description: 'the username or password is incorrect' })
    await passwordGrant(firstParty, { username: victim.username, password: 'wrong password' })
    const throttled = await passwordGrant(firstParty, { username: victim.username, password: victim.password })
    t.equal(throttled.statusCode, 429)
    t.ok(Number(throttled.headers['retry-after']) > 0)
  })

  t.test('implicit: unflagged client → unauthorized_client in the fragment', async (t) => {
    const url = await authorize(new Browser(app), user, { response_type: 'token', client_id: plain.client_id, redirect_uri: REDIRECT_URI, state: 'i' })
    const fragment = new URLSearchParams(url.hash.slice(1))
    t.equal(fragment.get('error'), 'unauthorized_client')
    t.equal(fragment.get('state'), 'i')
    t.equal(fragment.get('iss'), app.config.issuer)
  })

  t.test('implicit: a flagged client gets an access token in the fragment, no refresh token', async (t) => {
    const url = await authorize(new Browser(app), user, { response_type: 'token', client_id: implicitClient.client_id, state: 'i2' })
    t.equal(url.search, '')
    const fragment = new URLSearchParams(url.hash.slice(1))
    t.equal(fragment.get('token_type'), 'Bearer')
    t.equal(fragment.get('expires_in'), '3600')
    t.equal(fragment.get('scope'), 'ships:read')
    t.equal(fragment.get('state'), 'i2')
    t.equal(fragment.get('iss'), app.config.issuer)
    t.notOk(fragment.has('refresh_token'))
    t.equal(decodeJwt(fragment.get('access_token')!).payload.sub, user.id)
  })
})
