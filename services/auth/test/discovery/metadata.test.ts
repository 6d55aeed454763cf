import t from 'tap'
import { build, createClient, basic, postForm } from '../helper.js'

t.test('RFC 8414 metadata describes exactly what the server does', async (t) => {
  const app = await build(t)
  const response = await app.inject('/.well-known/oauth-authorization-server')
  t.equal(response.statusCode, 200)
  const metadata = response.json()
  t.equal(metadata.issuer, app.config.issuer)
  t.notOk('registration_endpoint' in metadata, 'dynamic registration is off by default')

  for (const name of Object.keys(metadata).filter((key) => key.endsWith('_endpoint') || key === 'jwks_uri')) {
    const url = new URL(metadata[name])
    t.equal(url.origin, app.config.issuer, `${name} lives on the issuer`)
    const method = name === 'jwks_uri' || name === 'authorization_endpoint' ? 'GET' : 'POST'
    t.not((await app.inject({ method, url: url.pathname })).statusCode, 404, `${name} is served`)
  }

  const client = await createClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  // implicit is answered at /authorize, not /token.
  for (const grant of metadata.grant_types_supported.filter((grant: string) => grant !== 'implicit')) {
    const answer = await postForm(app, '/token', { grant_type: grant }, auth)
    t.not(answer.json().error, 'unsupported_grant_type', `${grant} is understood by /token`)
  }
  const unknown = await postForm(app, '/token', { grant_type: 'urn:example:unknown' }, auth)
  t.equal(unknown.json().error, 'unsupported_grant_type')

  t.same(metadata.token_endpoint_auth_methods_supported.sort(), ['client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt'])
  t.ok(metadata.grant_types_supported.includes('client_credentials'))
})

t.test('with dynamic registration on, /register is advertised and open', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const metadata = (await app.inject('/.well-known/oauth-authorization-server')).json()
  t.equal(metadata.registration_endpoint, `${app.config.issuer}/register`)

  const response = await app.inject({
    method: 'POST', url: '/register', payload: { client_name: 'self-registered', grant_types: ['client_credentials'], scope: 'ships:read' }
  })
  t.equal(response.statusCode, 201)
  t.equal(response.headers['cache-control'], 'no-store')
  const client = response.json()
  t.ok(client.client_secret)
  const token = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(client.client_id, client.client_secret) })
  t.equal(token.statusCode, 200)

  const legacy = await app.inject({
    method: 'POST', url: '/register', payload: { client_name: 'legacy', grant_types: ['password'] }
  })
  t.equal(legacy.statusCode, 400)
  t.equal(legacy.json().error, 'invalid_client_metadata', 'legacy grants only by an administrator')
})

t.test('dynamic registration is off by default', async (t) => {
  const app = await build(t)
  const response = await app.inject({ method: 'POST', url: '/register', payload: { client_name: 'x' } })
  t.equal(response.statusCode, 404)
})

t.test('/register refuses what its schema does not allow with RFC 7591 error codes, naming no value', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const register = (payload: object | string) =>
    app.inject({ method: 'POST', url: '/register', headers: { 'content-type': 'application/json' }, payload })
  const cases: Array<[object, string]> = [
    [{ client_name: 'x', grant_types: ['urn:example:bogus'] }, 'invalid_client_metadata'],
    [{ grant_types: ['client_credentials'] }, 'invalid_client_metadata'],
    [{ client_name: 'x', scope: 'two  spaces' }, 'invalid_client_metadata'],
    [{ client_name: 'x', token_endpoint_auth_method: 'client_secret_jwt' }, 'invalid_client_metadata'],
    [{ client_name: 'x', redirect_uris: [`https://app.example/${'a'.repeat(2000)}`] }, 'invalid_redirect_uri']
  ]
  for (const [metadata, error] of cases) {
    const response = await register(metadata)
    t.equal(response.statusCode, 400, JSON.stringify(metadata).slice(0, 80))
    t.equal(response.json().error, error)
    t.notMatch(response.json().error_description, /bogus|client_secret_jwt|aaaa/)
  }
  const notJson = await register('{"client_name":')
  t.equal(notJson.json().error, 'invalid_request', 'a body that is no metadata at all')
})

t.test('private_key_jwt is advertised wherever clients authenticate, with the asymmetric algorithms its assertions may use', async (t) => {
  const app = await build(t)
  const metadata = (await app.inject('/.well-known/openid-configuration')).json()
  for (const endpoint of ['token', 'introspection', 'revocation']) {
    t.ok(metadata[`${endpoint}_endpoint_auth_methods_supported`].includes('private_key_jwt'), endpoint)
    t.same(metadata[`${endpoint}_endpoint_auth_signing_alg_values_supported`].sort(), ['ES256', 'EdDSA', 'PS256', 'RS256'], endpoint)
  }
  t.notOk(metadata.introspection_endpoint_auth_methods_supported.includes('none'))
})
