// The pages, the account and admin APIs, introspection, PAR and registration never answer CORS, even to an origin a
// client registered: no Access-Control-* header on any answer, and OPTIONS gets the 404 it always got.
import t from 'tap'
import { signUp } from '../browser.js'
import { adminHeaders, build } from '../helper.js'
import { createSpa, isPlainNotFound, preflight, SPA_ORIGIN, SPA_REDIRECT } from './support.js'

const ELSEWHERE = ['/authorize', '/login', '/consent', '/logout', '/admin/clients', '/api/users', '/api/users/me', '/introspect', '/par', '/register']

const noCors = (headers: Record<string, unknown>) => Object.keys(headers).filter((name) => name.startsWith('access-control-'))

t.test('no preflight is answered elsewhere, whatever the origin', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  await createSpa(app)
  for (const url of ELSEWHERE) {
    for (const method of ['GET', 'POST']) isPlainNotFound(t, await preflight(app, url, SPA_ORIGIN, method, 'authorization'), `${method} preflight ${url}`)
    isPlainNotFound(t, await app.inject({ method: 'OPTIONS', url }), `plain OPTIONS ${url}`)
  }
})

t.test('no answer elsewhere carries CORS headers, even to a registered origin', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const spa = await createSpa(app)
  const user = await signUp(app)
  const origin = { origin: SPA_ORIGIN }
  const authorize = `/authorize?${new URLSearchParams({ response_type: 'code', client_id: spa.client_id, redirect_uri: SPA_REDIRECT, scope: 'openid', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' })}`
  const answers = {
    authorize: await app.inject({ url: authorize, headers: origin }),
    'login page': await app.inject({ url: '/login', headers: origin }),
    'login form': await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin }, payload: `username=${user.username}&password=x` }),
    consent: await app.inject({ method: 'POST', url: '/consent', headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin }, payload: 'decision=allow' }),
    logout: await app.inject({ url: '/logout', headers: origin }),
    admin: await app.inject({ url: '/admin/clients', headers: { ...adminHeaders, ...origin } }),
    'account API': await app.inject({ method: 'POST', url: '/api/users', headers: origin, payload: { username: 'someone', password: 'a long enough password' } }),
    introspect: await app.inject({ method: 'POST', url: '/introspect', headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin }, payload: `token=x&client_id=${spa.client_id}` }),
    par: await app.inject({ method: 'POST', url: '/par', headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin }, payload: `client_id=${spa.client_id}` }),
    register: await app.inject({ method: 'POST', url: '/register', headers: origin, payload: { client_name: 'x', grant_types: ['client_credentials'] } })
  }
  t.equal(answers.authorize.statusCode, 302, 'the authorization request itself is served')
  for (const [what, response] of Object.entries(answers)) {
    t.same(noCors(response.headers), [], what)
    t.notOk(response.headers.vary?.toString().includes('Origin'), `${what}: no Vary: Origin either`)
  }
})
