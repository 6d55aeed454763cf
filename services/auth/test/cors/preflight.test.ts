// Preflights at /token, /revoke and /userinfo: answered for an origin some client registered, exactly; any other
// OPTIONS request gets the 404 it always got.
import t from 'tap'
import { build, createClient } from '../helper.js'
import { corsHeaders, createSpa, isPlainNotFound, preflight, SPA_ORIGIN } from './support.js'

const ALLOWED = (origin: string, methods: string) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-methods': methods,
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '300',
  vary: 'Origin'
})

t.test('a registered origin is answered with what each endpoint takes', async (t) => {
  const app = await build(t)
  await createSpa(app)
  for (const [url, method, methods] of [['/token', 'POST', 'POST'], ['/revoke', 'POST', 'POST'], ['/userinfo', 'GET', 'GET, POST']] as const) {
    const response = await preflight(app, url, SPA_ORIGIN, method, 'authorization')
    t.equal(response.statusCode, 204, url)
    t.equal(response.body, '')
    t.same(corsHeaders(response), ALLOWED(SPA_ORIGIN, methods), `${url}: exactly these headers`)
    t.notOk(response.headers['access-control-allow-credentials'])
  }
})

t.test('any other origin, `null` and no origin get no CORS at all', async (t) => {
  const app = await build(t)
  await createSpa(app)
  for (const url of ['/token', '/revoke', '/userinfo']) {
    for (const origin of ['https://unregistered.example', 'null', 'https://spa.example:8443', 'http://spa.example', `${SPA_ORIGIN}/`, 'https://SPA.example']) {
      isPlainNotFound(t, await preflight(app, url, origin), `${url} from ${origin}`)
    }
    isPlainNotFound(t, await app.inject({ method: 'OPTIONS', url }), `a plain OPTIONS ${url}`)
  }
})

t.test('the web origins of a client: https and loopback http redirect URIs, never a native scheme', async (t) => {
  const app = await build(t)
  await createClient(app, {
    client_name: 'native and desktop',
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'com.example.app:/oauth2redirect', 'https://app.example:8443/a/b?c=d'],
    scope: 'ships:read'
  })
  for (const origin of ['http://127.0.0.1:8080', 'http://[::1]', 'https://app.example:8443']) {
    t.equal((await preflight(app, '/token', origin)).headers['access-control-allow-origin'], origin, origin)
  }
  for (const origin of ['http://127.0.0.1', 'http://127.0.0.1:8081', 'com.example.app:', 'com.example.app://', 'https://app.example']) {
    isPlainNotFound(t, await preflight(app, '/token', origin), `${origin} is no origin of the client`)
  }
})

t.test('an OPTIONS request from a registered origin without Access-Control-Request-Method is answered as a preflight', async (t) => {
  const app = await build(t)
  await createSpa(app)
  const response = await app.inject({ method: 'OPTIONS', url: '/token', headers: { origin: SPA_ORIGIN } })
  t.equal(response.statusCode, 204, 'not a plain-text 400 outside the one error handler')
  t.equal(response.headers['access-control-allow-origin'], SPA_ORIGIN)
})
