// A client's origins follow its registration at once on this instance: cached answers never outlive a change.
import t from 'tap'
import { adminHeaders, build } from '../helper.js'
import { createSpa, isPlainNotFound, preflight, SPA_ORIGIN } from './support.js'

const allowed = async (app: Parameters<typeof preflight>[0], origin: string) =>
  (await preflight(app, '/token', origin)).headers['access-control-allow-origin'] === origin

t.test('deleting the client takes its origin out of preflight answers at once', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app)
  t.ok(await allowed(app, SPA_ORIGIN), 'allowed, and the answer cached')
  t.equal((await app.inject({ method: 'DELETE', url: `/admin/clients/${spa.client_id}`, headers: adminHeaders })).statusCode, 204)
  isPlainNotFound(t, await preflight(app, '/token', SPA_ORIGIN), 'refused on the next preflight')
})

t.test('changing the redirect URIs moves the origins at once', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app)
  const moved = 'https://moved.example'
  t.ok(await allowed(app, SPA_ORIGIN))
  t.notOk(await allowed(app, moved), 'not yet registered, and that answer cached too')
  const update = await app.inject({
    method: 'PUT', url: `/admin/clients/${spa.client_id}`, headers: adminHeaders,
    payload: { client_name: 'spa', grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', redirect_uris: [`${moved}/cb`], scope: 'openid' }
  })
  t.equal(update.statusCode, 200)
  t.notOk(await allowed(app, SPA_ORIGIN), 'the old origin is gone')
  t.ok(await allowed(app, moved), 'the new one is there')
})

t.test('a new client\'s origin is allowed at once, and an origin stays while any client has it', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  t.notOk(await allowed(app, SPA_ORIGIN), 'unknown, and cached as such')
  const registered = await app.inject({
    method: 'POST', url: '/register',
    payload: { client_name: 'self-registered spa', grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', redirect_uris: [`${SPA_ORIGIN}/other-cb`] }
  })
  t.equal(registered.statusCode, 201)
  t.ok(await allowed(app, SPA_ORIGIN), 'allowed after dynamic registration')

  const second = await createSpa(app)
  await app.inject({ method: 'DELETE', url: `/admin/clients/${registered.json().client_id}`, headers: adminHeaders })
  t.ok(await allowed(app, SPA_ORIGIN), 'the other client still registers it')
  await app.inject({ method: 'DELETE', url: `/admin/clients/${second.client_id}`, headers: adminHeaders })
  t.notOk(await allowed(app, SPA_ORIGIN), 'gone with the last one')
})
