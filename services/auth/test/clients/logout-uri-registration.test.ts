// Registered logout URIs: post-logout redirect URIs held to the redirect URI rules, back-channel logout URIs to https
// or loopback; both refused as invalid_client_metadata, the URI never echoed, by the admin API and /register alike.
import t from 'tap'
import { adminHeaders, build } from '../helper.js'

const POST_LOGOUT_REFUSED: Array<[string, string]> = [
  ['http to a remote host', 'http://rp.example/'],
  ['http to localhost (RFC 8252 §8.3)', 'http://localhost/'],
  ['a fragment', 'https://rp.example/#bye'],
  ['userinfo', 'https://user:pass@rp.example/'],
  ['a wildcard', 'https://*.rp.example/'],
  ['CR/LF', 'https://rp.example/\r\nSet-Cookie: x=y'],
  ['an upper-case host', 'https://RP.example/'],
  ['a relative reference', '/signed-out'],
  ['javascript', 'javascript:alert(1)']
]

const BACKCHANNEL_REFUSED: Array<[string, string]> = [
  ['plain http to the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
  ['plain http to a remote host', 'http://rp.example/backchannel-logout'],
  ['plain http to a private address', 'http://10.0.0.5/backchannel-logout'],
  ['plain http to an IPv4-mapped loopback address', 'http://[::ffff:127.0.0.1]/backchannel-logout'],
  ['a fragment', 'https://rp.example/logout#frag'],
  ['an empty fragment', 'https://rp.example/logout#'],
  ['userinfo', 'https://user:pass@rp.example/logout'],
  ['another scheme', 'ftp://rp.example/logout'],
  ['a private-use scheme', 'com.example.app:/logout'],
  ['javascript', 'javascript:alert(1)'],
  ['a relative reference', '/backchannel-logout'],
  ['CR/LF', 'https://rp.example/logout\r\nX: y'],
  ['an upper-case host', 'https://RP.example/logout'],
  ['a non-canonical loopback address', 'http://127.1/logout'],
  ['port 0', 'https://rp.example:0/logout']
]

const BACKCHANNEL_ACCEPTED = [
  'https://rp.example/backchannel-logout',
  'https://rp.example:8443/logout?tenant=a',
  'http://127.0.0.1:4002/backchannel-logout',
  'http://127.8.9.10/logout',
  'http://[::1]:4002/logout',
  'http://localhost:4002/backchannel-logout'
]

const WEB = { client_name: 'rp', grant_types: ['authorization_code'], redirect_uris: ['https://rp.example/callback'] }
const notEchoed = (body: string, uri: string) => !body.includes(JSON.stringify(uri).slice(1, -1)) && !body.includes(uri)

t.test('logout URI registration', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const viaAdmin = (metadata: object) => app.inject({ method: 'POST', url: '/admin/clients', headers: adminHeaders, payload: { ...WEB, ...metadata } })
  const viaRegister = (metadata: object) => app.inject({ method: 'POST', url: '/register', payload: { ...WEB, ...metadata } })

  // What the schema refuses: RFC 7591 client metadata at /register; the admin API's bodies are invalid_request.
  const schemaRefusals = { 'admin API': 'invalid_request', '/register': 'invalid_client_metadata' }

  for (const [name, register] of [['admin API', viaAdmin], ['/register', viaRegister]] as const) {
    t.test(`${name}: post-logout redirect URIs refused with invalid_client_metadata, naming the position, not the URI`, async (t) => {
      for (const [what, uri] of POST_LOGOUT_REFUSED) {
        const response = await register({ post_logout_redirect_uris: ['https://rp.example/', uri] })
        t.equal(response.statusCode, 400, what)
        t.match(response.json(), { error: 'invalid_client_metadata', error_description: /^post_logout_redirect_uris\[1\] / }, what)
        t.ok(notEchoed(response.body, uri), `${what}: not echoed`)
      }
    })

    t.test(`${name}: post-logout redirect URIs of the redirect URI forms are accepted unchanged`, async (t) => {
      const uris = ['https://rp.example/signed-out?from=op', 'http://127.0.0.1:8080/', 'http://[::1]/', 'com.example.app:/signed-out']
      const response = await register({ post_logout_redirect_uris: uris })
      t.equal(response.statusCode, 201)
      t.same(response.json().post_logout_redirect_uris, uris)
    })

    t.test(`${name}: back-channel logout URIs other than https or loopback http are refused, the URI not echoed`, async (t) => {
      for (const [what, uri] of BACKCHANNEL_REFUSED) {
        const response = await register({ backchannel_logout_uri: uri })
        t.equal(response.statusCode, 400, what)
        t.match(response.json(), { error: 'invalid_client_metadata', error_description: /^backchannel_logout_uri / }, what)
        t.ok(notEchoed(response.body, uri), `${what}: not echoed`)
      }
    })

    t.test(`${name}: back-channel logout URIs over https or to a loopback host are accepted unchanged`, async (t) => {
      for (const uri of BACKCHANNEL_ACCEPTED) {
        const response = await register({ backchannel_logout_uri: uri, backchannel_logout_session_required: true })
        t.equal(response.statusCode, 201, uri)
        t.match(response.json(), { backchannel_logout_uri: uri, backchannel_logout_session_required: true })
      }
    })

    t.test(`${name}: a back-channel logout URI over 2000 characters is refused`, async (t) => {
      const long = `https://rp.example/${'a'.repeat(1982)}`
      t.equal(long.length, 2001)
      const response = await register({ backchannel_logout_uri: long })
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, schemaRefusals[name])
      t.ok(notEchoed(response.body, long))
      const fits = await register({ backchannel_logout_uri: long.slice(0, 2000) })
      t.equal(fits.statusCode, 201, '2000 characters fit')
    })

    t.test(`${name}: backchannel_logout_session_required needs a back-channel logout URI`, async (t) => {
      const response = await register({ backchannel_logout_session_required: true })
      t.equal(response.statusCode, 400)
      t.match(response.json(), { error: 'invalid_client_metadata', error_description: /backchannel_logout_uri/ })
      t.equal((await register({ backchannel_logout_session_required: false })).statusCode, 201, 'false needs none')
    })
  }

  t.test('a PUT is held to the same rules and changes nothing when refused', async (t) => {
    const created = (await viaAdmin({ post_logout_redirect_uris: ['https://rp.example/'] })).json()
    const url = `/admin/clients/${created.client_id}`
    const put = (metadata: object) => app.inject({ method: 'PUT', url, headers: adminHeaders, payload: { ...WEB, ...metadata } })
    const refused = await put({ post_logout_redirect_uris: ['http://rp.example/'] })
    t.match(refused.json(), { error: 'invalid_client_metadata', error_description: /^post_logout_redirect_uris\[0\] / })
    t.equal((await put({ backchannel_logout_uri: 'https://rp.example/logout#frag' })).json().error, 'invalid_client_metadata')
    const read = await app.inject({ url, headers: adminHeaders })
    t.same(read.json().post_logout_redirect_uris, ['https://rp.example/'])
  })
})
