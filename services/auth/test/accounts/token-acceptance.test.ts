// The account API accepts only active tokens issued for it (RFC 9068 §4): its audience is the issuer.
import t from 'tap'
import { sha256 } from '../../src/crypto/hash.js'
import { adminHeaders, basic, build, clientCredentialsToken, createClient, decodeJwt, postForm, RESOURCE_AUDIENCE } from '../helper.js'
import { signUp } from '../browser.js'

t.test('tokens at the account API', async (t) => {
  const app = await build(t)
  const { issuer } = app.config
  const audience = RESOURCE_AUDIENCE
  const makeApp = () => createClient(app, {
    client_name: 'app', grant_types: ['password', 'refresh_token'], scope: 'ships:read account', first_party: true
  })
  const tokensFor = async (client: { client_id: string, client_secret?: string }, user: { username: string, password: string }, scope?: string) =>
    (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password, ...(scope && { scope }) },
      { authorization: basic(client.client_id, client.client_secret!) })).json()
  const call = (method: 'GET' | 'PUT', url: string, token: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload && { payload }) })
  const resource = await createClient(app, { client_name: 'resource server', introspects: [audience] })
  const isActive = async (token: string) => (await postForm(app, '/introspect', { token },
    { authorization: basic(resource.client_id, resource.client_secret!) })).json().active as boolean
  const user = await signUp(app)
  const client = await makeApp()

  t.test('aud names each API the scopes belong to', async (t) => {
    t.equal(decodeJwt((await tokensFor(client, user, 'ships:read')).access_token).payload.aud, audience)
    t.equal(decodeJwt((await tokensFor(client, user, 'account')).access_token).payload.aud, issuer)
    t.same(decodeJwt((await tokensFor(client, user)).access_token).payload.aud, [audience, issuer])
    const service = await createClient(app, { scope: 'users:read ships:read' })
    t.same(decodeJwt(await clientCredentialsToken(app, service, 'users:read')).payload.aud, issuer)
    t.same(decodeJwt(await clientCredentialsToken(app, service, 'ships:read')).payload.aud, audience)
  })

  t.test('a token for the resource service is refused with an RFC 6750 challenge', async (t) => {
    const { access_token: token } = await tokensFor(client, user, 'ships:read')
    t.equal(await isActive(token), true, 'the token itself is live')
    for (const response of [await call('GET', '/api/users/me', token), await call('PUT', `/api/users/${user.id}`, token, { username: 'renamed1' })]) {
      t.equal(response.statusCode, 401)
      t.equal(response.json().error, 'invalid_token')
      t.match(response.headers['www-authenticate'], /^Bearer realm="keyhold", error="invalid_token"/)
    }
  })

  t.test('a token for both APIs, or for the identity service alone, is accepted', async (t) => {
    t.equal((await call('GET', '/api/users/me', (await tokensFor(client, user)).access_token)).statusCode, 200)
    t.equal((await call('GET', '/api/users/me', (await tokensFor(client, user, 'account')).access_token)).statusCode, 200)
  })

  t.test("after DELETE /admin/clients/X, X's tokens are refused everywhere at once", async (t) => {
    const doomed = await makeApp()
    const tokens = await tokensFor(doomed, user)
    const machine = await createClient(app, { scope: 'users:read' })
    const machineToken = await clientCredentialsToken(app, machine, 'users:read')
    t.equal((await call('GET', '/api/users/me', tokens.access_token)).statusCode, 200)
    t.equal((await call('GET', '/api/users', machineToken)).statusCode, 200)

    for (const id of [doomed.client_id, machine.client_id]) {
      t.equal((await app.inject({ method: 'DELETE', url: `/admin/clients/${id}`, headers: adminHeaders })).statusCode, 204)
    }
    t.equal((await call('GET', '/api/users/me', tokens.access_token)).statusCode, 401)
    t.equal((await call('PUT', `/api/users/${user.id}`, tokens.access_token, { username: 'taken-over' })).statusCode, 401)
    t.equal((await call('GET', '/api/users', machineToken)).statusCode, 401)
    t.equal(await isActive(tokens.access_token), false)
    t.equal(await isActive(machineToken), false)
    t.equal(await app.stores.refreshTokens.find(sha256(tokens.refresh_token)), undefined,
      'the refresh token is gone too')
  })

  t.test('the Authorization header is read as RFC 6750 §2.1 writes it', async (t) => {
    const { access_token: token } = await tokensFor(client, user, 'account')
    const me = (authorization?: string) => app.inject({ url: '/api/users/me', headers: authorization === undefined ? {} : { authorization } })
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}  `]) {
      t.equal((await me(header)).statusCode, 200, header.slice(0, 10))
    }
    for (const header of [`Bearer ${token}!`, `Bearer ${token} extra`, 'Bearer', `Bearer =${token}`, `Bearer junk! bearer ${token}`]) {
      const response = await me(header)
      t.equal(response.statusCode, 400, 'a malformed Bearer credential is a bad request')
      t.equal(response.json().error, 'invalid_request')
      t.match(response.headers['www-authenticate'], /^Bearer realm="keyhold", error="invalid_request"/)
    }
    for (const header of [undefined, `Basic ${token}`, `Bearerx ${token}`, `Bearer\t${token}`]) {
      const response = await me(header)
      t.equal(response.statusCode, 401, 'no Bearer credential at all')
      t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
    }
  })

  t.test("another client's token works only for what it was issued", async (t) => {
    const other = await createClient(app, { grant_types: ['password'], scope: 'ships:read' })
    const { access_token: token } = await tokensFor(other, user)
    t.equal((await call('GET', '/api/users/me', token)).statusCode, 401)
  })
})
