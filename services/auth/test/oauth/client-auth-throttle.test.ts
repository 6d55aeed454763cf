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
