// Every 401 invalid_client carries a WWW-Authenticate challenge (RFC 6749 §5.2, RFC 7235 §3.1), however the client
// tried to authenticate, at every endpoint that authenticates clients.
import t from 'tap'
import { basic, build, createClient, postForm } from '../helper.js'

const CHALLENGE = /^Basic realm="[^"]+"/

t.test('a 401 invalid_client always carries the Basic challenge', async (t) => {
  const app = await build(t)
  const service = await createClient(app)
  const poster = await createClient(app, { token_endpoint_auth_method: 'client_secret_post' })
  const spa = await createClient(app, {
    client_name: 'spa', grant_types: ['authorization_code'], redirect_uris: ['https://spa.example/cb'], token_endpoint_auth_method: 'none', scope: 'ships:read'
  })
  const grant = { grant_type: 'client_credentials' }
  const cases: Array<[string, string, Record<string, string>, Record<string, string>?]> = [
    ['/token with no credentials', '/token', grant],
    ['/token with a wrong Basic secret', '/token', grant, { authorization: basic(service.client_id, 'wrong') }],
    ['/token with malformed Basic credentials', '/token', grant, { authorization: 'Basic !!!' }],
    ['/token with another scheme', '/token', grant, { authorization: 'Bearer something' }],
    ['/token with a wrong client_secret_post secret', '/token', { ...grant, client_id: poster.client_id, client_secret: 'wrong' }],
    ['/token with an unknown client_id', '/token', { ...grant, client_id: 'nobody', client_secret: 'wrong' }],
    ['/token posting the secret of a Basic client', '/token', { ...grant, client_id: service.client_id, client_secret: service.client_secret! }],
    ['/introspect with no credentials', '/introspect', { token: 'x' }],
    ['/introspect by a public client', '/introspect', { token: 'x', client_id: spa.client_id }],
    ['/introspect with a wrong secret', '/introspect', { token: 'x' }, { authorization: basic(service.client_id, 'wrong') }],
    ['/revoke with no credentials', '/revoke', { token: 'x' }],
    ['/revoke with a wrong client_secret_post secret', '/revoke', { token: 'x', client_id: poster.client_id, client_secret: 'wrong' }],
    ['/par with no credentials', '/par', { response_type: 'code' }],
    ['/par with a wrong secret', '/par', { response_type: 'code' }, { authorization: basic(service.client_id, 'wrong') }]
  ]
  for (const [name, url, params, headers] of cases) {
    const response = await postForm(app, url, params, headers)
    t.equal(response.statusCode, 401, `${name}: 401`)
    t.equal(response.json().error, 'invalid_client', `${name}: invalid_client`)
    t.match(response.headers['www-authenticate'], CHALLENGE, `${name}: challenged`)
  }
})
