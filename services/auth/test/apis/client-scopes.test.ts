// A client may be allowed only scopes a registered API defines: the admin API answers 400, dynamic registration
// invalid_client_metadata (RFC 7591 §3.2.2), and nothing is stored.
import t from 'tap'
import { adminHeaders, build, createClient } from '../helper.js'
import { REDIRECT_URI } from '../browser.js'

t.test('scopes no API defines', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const admin = (method: 'POST' | 'PUT', url: string, payload: object) => app.inject({ method, url, headers: adminHeaders, payload })
  const existing = await createClient(app)

  for (const scope of ['ships:delete', 'ships:read made:up']) {
    const created = await admin('POST', '/admin/clients', { client_name: 'app', grant_types: ['client_credentials'], scope })
    t.equal(created.statusCode, 400, `admin create: ${scope}`)
    t.equal(created.json().error, 'invalid_client_metadata')
    const replaced = await admin('PUT', `/admin/clients/${existing.client_id}`, { client_name: 'service', grant_types: ['client_credentials'], scope })
    t.equal(replaced.statusCode, 400, `admin replace: ${scope}`)
    const registered = await app.inject({ method: 'POST', url: '/register', payload: { client_name: 'app', redirect_uris: [REDIRECT_URI], scope } })
    t.equal(registered.statusCode, 400, `dynamic registration: ${scope}`)
    t.equal(registered.json().error, 'invalid_client_metadata')
  }
  t.equal((await app.inject({ method: 'GET', url: `/admin/clients/${existing.client_id}`, headers: adminHeaders })).json().scope, 'ships:read ships:write', 'unchanged')

  t.test('a scope an API defines once registered is accepted at once, by either way', async (t) => {
    await app.inject({ method: 'POST', url: '/admin/apis', headers: adminHeaders, payload: { identifier: 'https://new.example', name: 'New', scopes: [{ name: 'new:use', description: 'Use it' }] } })
    t.equal((await admin('POST', '/admin/clients', { client_name: 'app', grant_types: ['client_credentials'], scope: 'new:use ships:read' })).statusCode, 201)
    t.equal((await app.inject({ method: 'POST', url: '/register', payload: { client_name: 'app', redirect_uris: [REDIRECT_URI], scope: 'openid new:use' } })).statusCode, 201)
  })
})
