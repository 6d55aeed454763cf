// Registered redirect URIs: one rule for the admin API and dynamic registration, and no URI in any other form is used.
import t from 'tap'
import { adminHeaders, build } from '../helper.js'
import { authorizeUrl, Browser, hiddenFields, pkce, signIn, signUp } from '../browser.js'

const REFUSED: Array<[string, string]> = [
  ['CR/LF', 'https://app.example/cb\r\nSet-Cookie: x=y'],
  ['a trailing CR/LF', 'https://app.example/cb\r\n'],
  ['a space', 'https://app.example/c b'],
  ['a tab', 'https://app.example/c\tb'],
  ['a leading space', ' https://app.example/cb'],
  ['a non-ASCII character', 'https://app.example/€'],
  ['no slashes after the scheme', 'https:client.example.com/cb'],
  ['an upper-case host', 'https://App.example/cb'],
  ['userinfo', 'https://user:pass@app.example/cb'],
  ['a user name alone', 'https://user@app.example/cb'],
  ['a password alone', 'https://:pass@app.example/cb'],
  ['a wildcard host', 'https://*.example.com/cb'],
  ['a wildcard path', 'https://app.example/*'],
  ['a fragment', 'https://app.example/cb#x'],
  ['port 0', 'https://app.example:0/cb'],
  ['port 65536', 'https://app.example:65536/cb'],
  ['port 99999', 'http://127.0.0.1:99999/cb'],
  ['http to a remote host', 'http://app.example/cb'],
  ['http to localhost (RFC 8252 §8.3)', 'http://localhost/cb'],
  ['http to localhost with a port', 'http://localhost:8080/cb'],
  ['a relative reference', '/cb'],
  ['a scheme that is no reverse domain name', 'myapp:/cb'],
  ['a reverse domain name with an empty label', 'com..example.app:/cb'],
  ['javascript', 'javascript:alert(1)']
]

const ACCEPTED = [
  'https://app.example/cb',
  'https://app.example:8443/cb?tenant=a',
  'http://127.0.0.1/cb',
  'http://127.0.0.1:8080/cb',
  'http://[::1]/cb',
  'com.example.app:/oauth2redirect'
]

t.test('redirect URI registration', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const metadata = (uri: string) => ({ client_name: 'app', grant_types: ['authorization_code'], redirect_uris: [uri] })
  const viaAdmin = (uri: string) => app.inject({ method: 'POST', url: '/admin/clients', headers: adminHeaders, payload: metadata(uri) })
  const viaRegister = (uri: string) => app.inject({ method: 'POST', url: '/register', payload: metadata(uri) })

  for (const [name, register] of [['admin API', viaAdmin], ['/register', viaRegister]] as const) {
    t.test(`${name}: refused with invalid_redirect_uri, the URI not echoed`, async (t) => {
      for (const [what, uri] of REFUSED) {
        const response = await register(uri)
        t.equal(response.statusCode, 400, what)
        t.equal(response.json().error, 'invalid_redirect_uri', what)
        t.notOk(response.body.includes(JSON.stringify(uri).slice(1, -1)), `${what}: not echoed`)
      }
    })
    t.test(`${name}: accepted and returned unchanged`, async (t) => {
      for (const uri of ACCEPTED) {
        const response = await register(uri)
        t.equal(response.statusCode, 201, uri)
        t.same(response.json().redirect_uris, [uri])
      }
    })
  }

  t.test('the position of the refused URI is named', async (t) => {
    const response = await viaAdmin('https://app.example/cb')
    const replaced = await app.inject({
      method: 'PUT',
      url: `/admin/clients/${response.json().client_id}`,
      headers: adminHeaders,
      payload: { ...metadata('https://app.example/cb'), redirect_uris: ['https://app.example/cb', 'http://localhost/cb'] }
    })
    t.equal(replaced.statusCode, 400)
    t.match(replaced.json(), { error: 'invalid_redirect_uri', error_description: /^redirect_uris\[1\] / })
  })
})

t.test('a malformed URI stored before these rules is never answered at', async (t) => {
  const app = await build(t)
  const fields = { name: 'old app', grantTypes: ['authorization_code' as const], responseTypes: ['code' as const], scopes: ['ships:read'], authMethod: 'none' as const, firstParty: false, idTokenSigningAlg: 'RS256' as const, introspectionSigningAlg: 'RS256' as const, postLogoutRedirectUris: [], backchannelLogoutSessionRequired: false, requireSecondFactor: false }
  const crlf = 'https://app.example/cb\r\nSet-Cookie: x=y'
  const euro = 'https://app.example/€'
  const crlfClient = await app.stores.clients.create('old-crlf-client', null, { ...fields, redirectUris: [crlf] })
  const euroClient = await app.stores.clients.create('old-euro-client', null, { ...fields, redirectUris: [euro] })
  const browser = new Browser(app)
  const { challenge } = pkce()
  const request = (clientId: string, redirectUri?: string) => authorizeUrl({
    response_type: 'code', client_id: clientId, state: 's', code_challenge: challenge, code_challenge_method: 'S256',
    ...(redirectUri !== undefined && { redirect_uri: redirectUri })
  })

  t.test('/authorize shows an error page and sends no Location', async (t) => {
    for (const url of [request(crlfClient.id, crlf), request(crlfClient.id), request(euroClient.id, euro), request(euroClient.id)]) {
      const response = await browser.get(url)
      t.equal(response.statusCode, 400)
      t.notOk(response.headers.location, 'no redirect')
      t.match(response.headers['content-type'], /^text\/html/)
    }
  })

  t.test('/logout answers an error page, never a redirect or a 500', async (t) => {
    const user = await signUp(app)
    await signIn(browser, user)
    for (const [clientId, uri] of [[euroClient.id, euro], [crlfClient.id, crlf]] as const) {
      for (const state of [undefined, 'bye']) {
        const page = await browser.get(`/logout?${new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: uri, ...(state && { state }) })}`)
        t.equal(page.statusCode, 400, `${clientId} state=${state}`)
        t.notOk(page.headers.location, 'no redirect')
        const posted = await browser.post('/logout', { client_id: clientId, post_logout_redirect_uri: uri })
        t.equal(posted.statusCode, 400)
        t.notOk(posted.headers.location)
      }
    }
  })
})
