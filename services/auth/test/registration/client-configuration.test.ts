// RFC 7592: a registered client reads, replaces and deletes its registration with its registration access token.
import t from 'tap'
import { ADMIN_TOKEN, basic, build, createClient, postForm, RESOURCE_AUDIENCE } from '../helper.js'
import { bearer, configure, metadataOf, register, SERVICE, WEB_APP } from './support.js'

const ISSUER = 'http://127.0.0.1:4000'

t.test('register, read, update, read, delete, read', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const registered = await register(app)
  t.equal(registered.registration_client_uri, `${ISSUER}/register/${registered.client_id}`)
  t.equal(Buffer.from(registered.registration_access_token, 'base64url').length, 32, '256 random bits')
  t.not(registered.registration_access_token, registered.client_secret)
  t.equal(registered.client_secret_expires_at, 0)
  const stored = await app.db.selectFrom('clients').select('registration_access_token_hash').where('id', '=', registered.client_id).executeTakeFirstOrThrow()
  t.ok(stored.registration_access_token_hash, 'a hash is stored')
  t.notOk(stored.registration_access_token_hash!.includes(registered.registration_access_token), 'never the token itself')

  const read = await configure(app, 'GET', registered, registered.registration_access_token)
  t.equal(read.statusCode, 200)
  t.equal(read.headers['cache-control'], 'no-store')
  t.equal(read.headers.pragma, 'no-cache')
  const { client_secret: _secret, ...withoutSecret } = registered
  t.same(read.json(), withoutSecret, 'the registration as it was, the secret never shown again')

  const changed = { ...metadataOf(registered), client_id: registered.client_id, client_name: 'Ship Tracker 2', scope: 'ships:read' }
  const updated = await configure(app, 'PUT', registered, registered.registration_access_token, changed)
  t.equal(updated.statusCode, 200)
  t.equal(updated.headers['cache-control'], 'no-store')
  const after = updated.json()
  t.match(after, { client_id: registered.client_id, client_name: 'Ship Tracker 2', scope: 'ships:read', client_secret_expires_at: 0 })
  t.notOk('client_secret' in after, 'the secret is kept, not reissued')
  t.not(after.registration_access_token, registered.registration_access_token, 'the token rotates')

  t.equal((await configure(app, 'GET', registered, registered.registration_access_token)).statusCode, 401, 'the old token ended')
  const reread = await configure(app, 'GET', registered, after.registration_access_token)
  t.equal(reread.statusCode, 200)
  t.same(reread.json(), after)
  t.equal((await postForm(app, '/introspect', { token: 'x' }, { authorization: basic(registered.client_id, registered.client_secret!) })).statusCode,
    200, 'the secret still authenticates the client')

  const deleted = await configure(app, 'DELETE', registered, after.registration_access_token)
  t.equal(deleted.statusCode, 204)
  t.equal(deleted.body, '')
  const gone = await configure(app, 'GET', registered, after.registration_access_token)
  t.equal(gone.statusCode, 401)
  t.match(gone.headers['www-authenticate'], /^Bearer realm="client-configuration", error="invalid_token"/)
  t.equal((await configure(app, 'DELETE', registered, after.registration_access_token)).statusCode, 401, 'deleting again: nothing left')
  t.equal((await app.inject({ url: `/admin/clients/${registered.client_id}`, headers: bearer(ADMIN_TOKEN) })).statusCode, 404)
})

t.test('a public client is registered with a token and no secret', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const spa = await register(app, { ...WEB_APP, token_endpoint_auth_method: 'none' })
  t.notOk('client_secret' in spa)
  t.notOk('client_secret_expires_at' in spa, 'no secret, so no expiry to tell')
  const read = await configure(app, 'GET', spa, spa.registration_access_token)
  t.equal(read.statusCode, 200)
  t.notOk('client_secret_expires_at' in read.json())
})

t.test('fields left out of an update are removed or take their defaults', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const full = await register(app, {
    ...WEB_APP, id_token_signed_response_alg: 'ES256', post_logout_redirect_uris: ['https://tracker.example/'],
    backchannel_logout_uri: 'https://tracker.example/logout', backchannel_logout_session_required: true
  })
  const updated = await configure(app, 'PUT', full, full.registration_access_token,
    { client_id: full.client_id, client_name: 'bare', redirect_uris: WEB_APP.redirect_uris })
  t.equal(updated.statusCode, 200)
  const after = updated.json()
  t.match(after, {
    client_name: 'bare', grant_types: ['authorization_code'], response_types: ['code'], scope: '',
    token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'RS256',
    post_logout_redirect_uris: [], backchannel_logout_session_required: false
  })
  t.notOk('backchannel_logout_uri' in after)
})

t.test('deleting a client ends its tokens at once', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const service = await register(app, SERVICE)
  const resource = await createClient(app, { client_name: 'resource', introspects: [RESOURCE_AUDIENCE] })
  const introspect = (token: string) => postForm(app, '/introspect', { token },
    { authorization: basic(resource.client_id, resource.client_secret!) })

  const issued = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(service.client_id, service.client_secret!) })
  const token = issued.json().access_token
  t.equal((await introspect(token)).json().active, true)

  t.equal((await configure(app, 'DELETE', service, service.registration_access_token)).statusCode, 204)
  t.same((await introspect(token)).json(), { active: false }, 'its access token is dead')
  const again = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(service.client_id, service.client_secret!) })
  t.equal(again.statusCode, 401, 'and its secret authenticates nothing')
})

t.test('the configuration endpoint exists only with dynamic registration', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/register/any-client', headers: bearer('x') })
  t.equal(response.statusCode, 404)
})
