import t from 'tap'
import { basic, build, createClient, postForm } from '../helper.js'

t.test('failed client authentications are throttled per client and address', async (t) => {
  const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '3', CLIENT_AUTH_FAILURE_WINDOW: '60' })
  const client = await createClient(app)
  const attempt = (secret: string, remoteAddress = '203.0.113.7') => app.inject({
    method: 'POST', url: '/token', remoteAddress,
    headers: { authorization: basic(client.client_id, secret), 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials'
  })

  for (let i = 0; i < 3; i++) t.equal((await attempt('guess')).statusCode, 401, `failure ${i + 1} is a plain 401`)

  const throttled = await attempt(client.client_secret!)
  t.equal(throttled.statusCode, 429, 'even the right secret waits once the limit is reached')
  t.equal(throttled.json().error, 'temporarily_unavailable')
  const retryAfter = Number(throttled.headers['retry-after'])
  t.ok(retryAfter > 0 && retryAfter <= 60, 'Retry-After says when the window ends')

  t.equal((await attempt(client.client_secret!, '198.51.100.1')).statusCode, 200, 'another address is not locked out')
  t.equal((await postForm(app, '/token', { grant_type: 'client_credentials' },
    { authorization: basic('another-client', 'x') })).statusCode, 401, 'another client id is not throttled')
})

t.test('a right secret uses up none of the attempts', async (t) => {
  const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '3' })
  const client = await createClient(app)
  const attempt = (secret: string) => postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(client.client_id, secret) })

  for (const secret of ['guess', 'guess', client.client_secret!]) await attempt(secret)
  t.equal((await attempt('guess')).statusCode, 401, 'the third wrong secret is still checked')
  t.equal((await attempt(client.client_secret!)).statusCode, 429, 'and then the limit is reached')
})

t.test('a public client presents no secret, so its refused requests are not counted', async (t) => {
  const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '3' })
  const spa = await createClient(app, {
    client_name: 'spa', grant_types: ['authorization_code'], redirect_uris: ['https://spa.example/cb'], token_endpoint_auth_method: 'none', scope: 'ships:read'
  })
  for (let i = 0; i < 5; i++) {
    t.equal((await postForm(app, '/introspect', { token: 'x', client_id: spa.client_id })).statusCode, 401, 'public clients cannot introspect')
  }
  t.equal((await postForm(app, '/revoke', { token: 'x', client_id: spa.client_id })).statusCode, 200, 'nor are they throttled for trying')
})
