import t from 'tap'
import { basic, build, createClient, decodeJwt, postForm } from '../helper.js'

t.test('client_credentials grant', async (t) => {
  const app = await build(t)
  const client = await createClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }

  t.test('issues an RFC 9068 access token with client_secret_basic', async (t) => {
    const before = Math.floor(Date.now() / 1000)
    const response = await postForm(app, '/token', { grant_type: 'client_credentials', scope: 'ships:read' }, auth)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['cache-control'], 'no-store')
    t.equal(response.headers.pragma, 'no-cache')
    const body = response.json()
    t.match(body, { token_type: 'Bearer', expires_in: 3600, scope: 'ships:read' })
    const { header, payload } = decodeJwt(body.access_token)
    t.match(header, { alg: 'ES256', typ: 'at+jwt', kid: app.signing.kid })
    t.match(payload, {
      iss: 'http://127.0.0.1:4000', sub: client.client_id, aud: 'http://127.0.0.1:4001',
      client_id: client.client_id, scope: 'ships:read', jti: String
    })
    t.ok((payload.iat as number) >= before)
    t.equal(payload.exp, (payload.iat as number) + 3600)
  })

  t.test('grants every allowed scope when none is asked for', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials' }, auth)
    t.equal(response.json().scope, 'ships:read ships:write')
  })

  t.test('accepts client_secret_post for a client registered with it', async (t) => {
    const poster = await createClient(app, { token_endpoint_auth_method: 'client_secret_post' })
    const response = await postForm(app, '/token', {
      grant_type: 'client_credentials', client_id: poster.client_id, client_secret: poster.client_secret!
    })
    t.equal(response.statusCode, 200)
  })

  t.test('refuses a method other than the registered one', async (t) => {
    const response = await postForm(app, '/token', {
      grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret!
    })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_client')
  })

  t.test('wrong secret by Basic → 401 invalid_client with WWW-Authenticate', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials' },
      { authorization: basic(client.client_id, 'wrong') })
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_client', error_description: 'client authentication failed' })
    t.match(response.headers['www-authenticate'], /^Basic /)
    t.equal(response.headers['cache-control'], 'no-store')
  })

  t.test('credentials given two ways must agree, and a secret is given one way only (RFC 6749 §2.3)', async (t) => {
    const grant = { grant_type: 'client_credentials' }
    t.equal((await postForm(app, '/token', { ...grant, client_id: client.client_id }, auth)).statusCode, 200, 'Basic with the same client_id')
    const other = await postForm(app, '/token', { ...grant, client_id: 'someone-else' }, auth)
    t.same([other.statusCode, other.json().error], [400, 'invalid_request'], 'Basic with another client_id')
    const twice = await postForm(app, '/token', { ...grant, client_secret: client.client_secret! }, auth)
    t.same([twice.statusCode, twice.json().error], [400, 'invalid_request'], 'Basic and client_secret')
  })

  t.test('Basic credentials without a client id or in another scheme → invalid_client', async (t) => {
    const noClientId = `Basic ${Buffer.from(`:${client.client_secret}`).toString('base64')}`
    const credentials = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')
    for (const [what, authorization] of [
      ['no client id', noClientId], ['the Bearer scheme', `Bearer ${client.client_secret}`], ['a scheme ending in basic', `Xbasic  ${credentials}`]
    ] as const) {
      const response = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization })
      t.equal(response.statusCode, 401, what)
      t.equal(response.json().error, 'invalid_client', what)
    }
  })

  t.test('unknown client → the same answer as a wrong secret', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials' },
      { authorization: basic('nobody', 'whatever') })
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_client', error_description: 'client authentication failed' })
  })

  t.test('no client authentication → 401 invalid_client with WWW-Authenticate', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials' })
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_client', error_description: 'client authentication is required' })
    t.match(response.headers['www-authenticate'], /^Basic /)
  })

  t.test('unsupported grant type → unsupported_grant_type', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'urn:example:magic' }, auth)
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'unsupported_grant_type')
  })

  t.test('a grant the client was not given → unauthorized_client', async (t) => {
    const webApp = await createClient(app, { grant_types: ['authorization_code'], redirect_uris: ['https://app.example/cb'] })
    const response = await postForm(app, '/token', { grant_type: 'client_credentials' },
      { authorization: basic(webApp.client_id, webApp.client_secret!) })
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'unauthorized_client')
  })

  t.test('scope beyond what the client may have → invalid_scope', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials', scope: 'ships:read admin' }, auth)
    t.equal(response.statusCode, 400)
    t.same(response.json(), { error: 'invalid_scope', error_description: 'the requested scope is not allowed for this client' })
  })

  t.test('credentials in the header and the body at once → invalid_request', async (t) => {
    const response = await postForm(app, '/token', {
      grant_type: 'client_credentials', client_secret: client.client_secret!
    }, auth)
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
  })

  t.test('a client_id in the body that differs from Basic → invalid_request', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials', client_id: 'other' }, auth)
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
  })

  t.test('a non-Basic Authorization header → invalid_client', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: 'Bearer abc' })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_client')
  })
})
