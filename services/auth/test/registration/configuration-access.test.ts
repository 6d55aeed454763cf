// The client configuration endpoint opens only to the client's own registration access token, sent in the
// Authorization header: every other token, and every client without one, gets the same RFC 6750 answer.
import t from 'tap'
import { ADMIN_TOKEN, basic, build, createClient } from '../helper.js'
import { bearer, configurationPath, configure, register, WEB_APP } from './support.js'

const INVALID = { error: 'invalid_token', error_description: 'the registration access token is invalid for this client' }
const CHALLENGE = 'Bearer realm="client-configuration", error="invalid_token", error_description="the registration access token is invalid for this client"'

t.test('wrong tokens, other clients and the administrator\'s clients look alike', async (t) => {
  // More refusals than the default limit allows, so that each is checked rather than throttled.
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true', CLIENT_AUTH_MAX_FAILURES: '50' })
  const mine = await register(app)
  const theirs = await register(app)
  const admins = await createClient(app)
  const refused = async (what: string, url: string, token: string) => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const response = await app.inject({ method, url, headers: bearer(token), ...(method === 'PUT' && { payload: { ...WEB_APP, client_id: mine.client_id } }) })
      t.equal(response.statusCode, 401, `${what}: ${method}`)
      t.same(response.json(), INVALID, `${what}: ${method} body`)
      t.equal(response.headers['www-authenticate'], CHALLENGE, `${what}: ${method} challenge`)
      t.equal(response.headers['cache-control'], 'no-store')
    }
  }
  await refused('a wrong token', configurationPath(mine), 'not-the-token')
  await refused("another client's token", configurationPath(mine), theirs.registration_access_token)
  await refused("a client's secret", configurationPath(mine), mine.client_secret!)
  await refused('an unknown client', '/register/no-such-client', mine.registration_access_token)
  await refused("an administrator's client", `/register/${admins.client_id}`, mine.registration_access_token)
  await refused("an administrator's client, with the admin token", `/register/${admins.client_id}`, ADMIN_TOKEN)

  t.equal((await configure(app, 'GET', mine, mine.registration_access_token)).statusCode, 200, 'the client itself is untouched')
  t.equal((await configure(app, 'GET', theirs, theirs.registration_access_token)).statusCode, 200)
  t.equal((await app.inject({ url: `/admin/clients/${admins.client_id}`, headers: bearer(ADMIN_TOKEN) })).statusCode, 200)
})

t.test('the token goes in the Authorization header, and nowhere else', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app)
  const url = configurationPath(client)
  const token = client.registration_access_token

  const none = await app.inject({ url })
  t.equal(none.statusCode, 401)
  t.equal(none.headers['www-authenticate'], 'Bearer realm="client-configuration"', 'no credentials: the bare challenge (RFC 6750 §3.1)')

  const inQuery = await app.inject({ url: `${url}?access_token=${token}` })
  t.equal(inQuery.statusCode, 400)
  t.equal(inQuery.json().error, 'invalid_request')
  t.match(inQuery.headers['www-authenticate'], /error="invalid_request"/)
  t.equal((await app.inject({ url: `${url}?access_token=${token}`, headers: bearer(token) })).statusCode, 400, 'even beside the header')

  const inJson = await app.inject({ method: 'PUT', url, payload: { ...WEB_APP, client_id: client.client_id, access_token: token } })
  t.equal(inJson.statusCode, 401, 'a token in a JSON body is not a credential')
  const inForm = await app.inject({
    method: 'DELETE', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `access_token=${token}`
  })
  t.equal(inForm.statusCode, 401, 'nor in a form body')
  t.equal((await app.inject({ url, headers: { authorization: basic(client.client_id, client.client_secret!) } })).statusCode, 401, 'nor Basic')

  const malformed = await app.inject({ url, headers: { authorization: `Bearer ${token} extra` } })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.headers['www-authenticate'], /error="invalid_request"/)
  t.equal((await configure(app, 'GET', client, token)).statusCode, 200, 'the client still exists after all that')
})

t.test('nothing about a request is answered before the token is checked', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app)
  const url = configurationPath(client)
  for (const [what, headers, payload] of [
    ['malformed JSON', { 'content-type': 'application/json' }, '{"client_name":'],
    ['another content type', { 'content-type': 'text/plain' }, 'hello'],
    ['a mismatched client_id', {}, { ...WEB_APP, client_id: 'other' }]
  ] as const) {
    const response = await app.inject({ method: 'PUT', url, headers: { ...headers, ...bearer('wrong') }, payload })
    t.equal(response.statusCode, 401, what)
  }
})

t.test('wrong tokens are limited per client and address, like client secrets', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true', CLIENT_AUTH_MAX_FAILURES: '3', CLIENT_AUTH_FAILURE_WINDOW: '60' })
  const client = await register(app)
  const other = await register(app)
  const attempt = (token: string, target = client, remoteAddress = '203.0.113.7') =>
    app.inject({ url: configurationPath(target), headers: bearer(token), remoteAddress })

  t.equal((await attempt(client.registration_access_token)).statusCode, 200, 'a right token uses up no attempt')
  for (let i = 0; i < 3; i++) t.equal((await attempt('guess')).statusCode, 401, `guess ${i + 1}`)
  const throttled = await attempt(client.registration_access_token)
  t.equal(throttled.statusCode, 429, 'then even the right token waits')
  t.equal(throttled.json().error, 'temporarily_unavailable')
  const retryAfter = Number(throttled.headers['retry-after'])
  t.ok(retryAfter > 0 && retryAfter <= 60, 'Retry-After says when the window ends')

  t.equal((await attempt(client.registration_access_token, client, '198.51.100.1')).statusCode, 200, 'another address is not locked out')
  t.equal((await attempt(other.registration_access_token, other)).statusCode, 200, 'nor another client')
  const guessesAtOnce = await Promise.all(Array.from({ length: 6 }, () => attempt('guess', other, '192.0.2.9')))
  t.same(guessesAtOnce.map((response) => response.statusCode).sort(), [401, 401, 401, 429, 429, 429], 'guesses at once stop at the limit')
})

t.test('other methods are refused with the ones allowed', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const client = await register(app)
  for (const method of ['POST', 'PATCH'] as const) {
    const response = await app.inject({ method, url: configurationPath(client), headers: bearer(client.registration_access_token), payload: {} })
    t.equal(response.statusCode, 405, method)
    t.equal(response.headers.allow, 'GET, PUT, DELETE')
    t.equal(response.json().error, 'invalid_request')
  }
})
