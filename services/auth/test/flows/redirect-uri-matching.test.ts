// /authorize and /par use a redirect URI only when it is a registered one, byte for byte; a loopback one may vary its port, 1–65535.
import t from 'tap'
import { basic, build, postForm } from '../helper.js'
import { authorizeUrl, Browser, createWebClient, pkce, REDIRECT_URI } from '../browser.js'

const WITH_QUERY = 'https://app.example/callback?tenant=a'
const NATIVE = 'http://127.0.0.1/callback'

const MISMATCHES: Array<[string, string]> = [
  ['an upper-case host', 'https://APP.example/callback'],
  ['an upper-case path', 'https://app.example/CALLBACK'],
  ['an upper-case scheme', 'HTTPS://app.example/callback'],
  ['an added query', `${REDIRECT_URI}?next=https://evil.example`],
  ['another query value', 'https://app.example/callback?tenant=b'],
  ['an added query parameter', `${WITH_QUERY}&tenant=b`],
  ['an added path segment', `${REDIRECT_URI}/evil`],
  ['a trailing slash', `${REDIRECT_URI}/`],
  ['an explicit default port', 'https://app.example:443/callback'],
  ['another port on a non-loopback host', 'https://app.example:8443/callback']
]

const BAD_LOOPBACK: Array<[string, string]> = [
  ['port 99999', 'http://127.0.0.1:99999/callback'],
  ['port 65536', 'http://127.0.0.1:65536/callback'],
  ['port 0', 'http://127.0.0.1:0/callback'],
  ['a port with a leading zero', 'http://127.0.0.1:08080/callback'],
  ['an empty port', 'http://127.0.0.1:/callback'],
  ['a port and another path', 'http://127.0.0.1:8080/CALLBACK'],
  ['a port and a query', 'http://127.0.0.1:8080/callback?x=1'],
  ['localhost instead of the IP', 'http://localhost:8080/callback'],
  ['another loopback address', 'http://[::1]:8080/callback'],
  ['https instead of http', 'https://127.0.0.1:8080/callback']
]

t.test('redirect URI matching', async (t) => {
  const app = await build(t)
  const web = await createWebClient(app, { redirect_uris: [REDIRECT_URI, WITH_QUERY] })
  const queryOnly = await createWebClient(app, { redirect_uris: [WITH_QUERY] })
  const native = await createWebClient(app, { redirect_uris: [NATIVE], token_endpoint_auth_method: 'none' })
  const browser = new Browser(app)
  const { challenge } = pkce()
  const params = (clientId: string, redirectUri: string) => ({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'ships:read', state: 's',
    code_challenge: challenge, code_challenge_method: 'S256'
  })
  const authorize = (clientId: string, redirectUri: string) => browser.get(authorizeUrl(params(clientId, redirectUri)))
  const push = (clientId: string, redirectUri: string, secret?: string) => {
    const { client_id: _id, ...pushed } = params(clientId, redirectUri)
    return secret === undefined
      ? postForm(app, '/par', { ...pushed, client_id: clientId })
      : postForm(app, '/par', pushed, { authorization: basic(clientId, secret) })
  }

  const cases = [
    ...MISMATCHES.map(([what, uri]) => [what, web, uri] as const),
    ['the registered URI without its query', queryOnly, REDIRECT_URI] as const,
    ...BAD_LOOPBACK.map(([what, uri]) => [`loopback: ${what}`, native, uri] as const)
  ]

  t.test('/authorize: an error page, no redirect', async (t) => {
    for (const [what, client, uri] of cases) {
      const response = await authorize(client.client_id, uri)
      t.equal(response.statusCode, 400, what)
      t.notOk(response.headers.location, `${what}: no redirect`)
      t.match(response.body, /does not match/, what)
    }
  })

  t.test('/par: 400 invalid_request', async (t) => {
    for (const [what, client, uri] of cases) {
      const response = await push(client.client_id, uri, client.client_secret)
      t.equal(response.statusCode, 400, what)
      t.equal(response.json().error, 'invalid_request', what)
    }
  })

  t.test('exact matches and loopback ports 1–65535 are used', async (t) => {
    const good = [
      [web, REDIRECT_URI], [web, WITH_QUERY], [queryOnly, WITH_QUERY],
      [native, NATIVE], [native, 'http://127.0.0.1:1/callback'], [native, 'http://127.0.0.1:65535/callback'],
      [native, 'http://127.0.0.1:53123/callback']
    ] as const
    for (const [client, uri] of good) {
      const response = await authorize(client.client_id, uri)
      t.equal(response.statusCode, 302, uri)
      t.match(response.headers.location, /^\/login\?/, uri)
      t.equal((await push(client.client_id, uri, client.client_secret)).statusCode, 201, `${uri} pushed`)
    }
  })
})
