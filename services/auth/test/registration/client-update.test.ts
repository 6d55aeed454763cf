// A client's update of itself (RFC 7592 §2.2): it names itself, sends back nothing the server sets, never chooses its
// secret nor turns public or confidential, and is held to registration's rules; a refused update changes nothing.
import t from 'tap'
import type { ClientInformation } from '@keyhold/contracts'
import { ADMIN_TOKEN, build } from '../helper.js'
import { bearer, configurationPath, configure, metadataOf, register, WEB_APP } from './support.js'

t.test('updates refused', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app)
  const spa = await register(app, { ...WEB_APP, token_endpoint_auth_method: 'none' })
  const own = (target: ClientInformation, changes: object = {}) => ({ ...metadataOf(target), client_id: target.client_id, ...changes })
  const refused = async (what: string, payload: object, error: string, target = client) => {
    const response = await configure(app, 'PUT', target, target.registration_access_token, payload)
    t.equal(response.statusCode, 400, what)
    t.equal(response.json().error, error, what)
    t.equal(response.headers['cache-control'], 'no-store', what)
  }

  const { client_id: _id, ...withoutId } = own(client)
  await refused('no client_id', withoutId, 'invalid_request')
  await refused("another client's id", own(client, { client_id: spa.client_id }), 'invalid_request')
  for (const field of ['registration_access_token', 'registration_client_uri', 'client_secret_expires_at', 'client_id_issued_at']) {
    await refused(`${field} sent back`, { ...own(client), [field]: (client as Record<string, unknown>)[field] }, 'invalid_request')
  }
  await refused('a client_secret of its own choosing', own(client, { client_secret: 'my-own-secret' }), 'invalid_request')
  await refused('a public client sending a secret', own(spa, { client_secret: client.client_secret }), 'invalid_request', spa)

  await refused('confidential turning public', own(client, { token_endpoint_auth_method: 'none' }), 'invalid_client_metadata')
  await refused('public turning confidential', own(spa, { token_endpoint_auth_method: 'client_secret_basic' }), 'invalid_client_metadata', spa)
  await refused('public turning confidential by leaving the method out', own(spa, { token_endpoint_auth_method: undefined }), 'invalid_client_metadata', spa)

  await refused('a redirect URI with a fragment', own(client, { redirect_uris: ['https://tracker.example/cb#x'] }), 'invalid_redirect_uri')
  await refused('no redirect URI for the code grant', own(client, { redirect_uris: [] }), 'invalid_redirect_uri')
  await refused('a grant only an administrator gives', own(client, { grant_types: ['password'] }), 'invalid_client_metadata')
  await refused('the account scope', own(client, { scope: 'account' }), 'invalid_client_metadata')
  await refused('an unsupported id_token algorithm', own(client, { id_token_signed_response_alg: 'none' }), 'invalid_client_metadata')
  await refused('no client_name', own(client, { client_name: undefined }), 'invalid_client_metadata')
  await refused('an object for the redirect URIs', own(client, { redirect_uris: { uri: 'https://tracker.example/callback' } }), 'invalid_redirect_uri')
  await refused('an object for the grant types', own(client, { grant_types: { 0: 'authorization_code' } }), 'invalid_client_metadata')
  await refused('an array body', [own(client)], 'invalid_client_metadata')

  const malformed = await app.inject({
    method: 'PUT', url: configurationPath(client), headers: { ...bearer(client.registration_access_token), 'content-type': 'application/json' }, payload: '{"client_name":'
  })
  t.equal(malformed.statusCode, 400, 'malformed JSON')
  t.equal(malformed.json().error, 'invalid_request')
  const form = await app.inject({
    method: 'PUT', url: configurationPath(client), headers: { ...bearer(client.registration_access_token), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'client_name=x'
  })
  t.equal(form.statusCode, 415, 'a form body')
  const oversized = await configure(app, 'PUT', client, client.registration_access_token, own(client, { client_name: 'x'.repeat(70_000) }))
  t.equal(oversized.statusCode, 413, 'a body over the limit')

  const read = await configure(app, 'GET', client, client.registration_access_token)
  t.equal(read.statusCode, 200, 'no refused update used up the token')
  t.same(metadataOf(read.json()), metadataOf(client), 'nor changed anything')
  t.same(metadataOf((await configure(app, 'GET', spa, spa.registration_access_token)).json()), metadataOf(spa))
})

t.test('updates allowed: the right secret, the other confidential method', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app)
  const updated = await configure(app, 'PUT', client, client.registration_access_token,
    { ...metadataOf(client), client_id: client.client_id, client_secret: client.client_secret, token_endpoint_auth_method: 'client_secret_post' })
  t.equal(updated.statusCode, 200)
  t.equal(updated.json().token_endpoint_auth_method, 'client_secret_post')
  t.notOk('client_secret' in updated.json(), 'its secret is neither changed nor shown')
})

t.test("wrong secrets sent in an update are counted as the client's wrong secrets", async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true', CLIENT_AUTH_MAX_FAILURES: '2' })
  const client = await register(app)
  let token = client.registration_access_token
  const update = async (secret: string) => {
    const response = await configure(app, 'PUT', client, token, { ...metadataOf(client), client_id: client.client_id, client_secret: secret })
    if (response.statusCode === 200) token = response.json().registration_access_token
    return response
  }
  t.equal((await update('guess')).statusCode, 400)
  t.equal((await update('guess')).statusCode, 400)
  t.equal((await update(client.client_secret!)).statusCode, 429, 'then even the right one waits')
})

t.test('what an administrator decided about a registered client stays through its own updates', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app, { client_name: 'resource', grant_types: ['client_credentials'] })
  const admin = (method: 'GET' | 'PUT', payload?: object) =>
    app.inject({ method, url: `/admin/clients/${client.client_id}`, headers: bearer(ADMIN_TOKEN), ...(payload && { payload }) })
  t.equal((await admin('PUT', { client_name: 'resource', grant_types: ['client_credentials'], first_party: true })).statusCode, 200)

  const updated = await configure(app, 'PUT', client, client.registration_access_token,
    { client_id: client.client_id, client_name: 'resource 2', grant_types: ['client_credentials'], first_party: false })
  t.equal(updated.statusCode, 200)
  t.match((await admin('GET')).json(), { client_name: 'resource 2', first_party: true })
  t.notOk('first_party' in updated.json(), 'the client is not told the administrator\'s settings')
  t.equal((await configure(app, 'GET', client, updated.json().registration_access_token)).statusCode, 200,
    'an administrator\'s change left the registration access token alone')
})

t.test('of updates racing with one token, exactly one wins', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app)
  const answers = await Promise.all(Array.from({ length: 5 }, (_, index) =>
    configure(app, 'PUT', client, client.registration_access_token, { ...metadataOf(client), client_id: client.client_id, client_name: `name ${index}` })))
  const won = answers.filter((response) => response.statusCode === 200)
  t.equal(won.length, 1, 'one update wins')
  t.same(answers.map((response) => response.statusCode).sort(), [200, 401, 401, 401, 401], 'the others find the token replaced')
  const read = await configure(app, 'GET', client, won[0]!.json().registration_access_token)
  t.equal(read.json().client_name, won[0]!.json().client_name, 'the winner\'s metadata is what is stored')
})
