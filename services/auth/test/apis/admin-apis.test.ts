// The API registry's admin API: create, list page by page, read, replace, delete; strict bodies, clashes, and the
// identity service's own API, which is listed but keeps its definition.
import t from 'tap'
import type { Api } from '@keyhold/contracts'
import { adminHeaders, build, createClient, registerApi, RESOURCE_AUDIENCE } from '../helper.js'
import { BILLING, BILLING_API } from './support.js'

t.test('the API registry', async (t) => {
  const app = await build(t)
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: adminHeaders, ...(payload && { payload }) })

  t.test('create answers 201 with a Location, read and list show it', async (t) => {
    const created = await admin('POST', '/admin/apis', BILLING_API)
    t.equal(created.statusCode, 201)
    const api: Api = created.json()
    t.equal(created.headers.location, `/admin/apis/${api.id}`)
    t.match(api, { identifier: BILLING, name: 'Billing', access_token_ttl: 600, introspectors: [], built_in: false })
    t.same(api.scopes, BILLING_API.scopes)
    t.same((await admin('GET', `/admin/apis/${api.id}`)).json(), api)
    t.equal((await admin('GET', '/admin/apis/nonesuch')).statusCode, 404)
  })

  t.test('an API without a lifetime of its own has ACCESS_TOKEN_TTL', async (t) => {
    const api = await registerApi(app, { identifier: 'https://plain.example', name: 'Plain', scopes: [] })
    t.equal(api.access_token_ttl, app.config.accessTokenTtl)
  })

  t.test('the list is paged with limit, after and next, the identity service first', async (t) => {
    for (const n of [1, 2, 3]) await registerApi(app, { identifier: `https://paged${n}.example`, name: `Paged ${n}`, scopes: [] })
    const seen: Api[] = []
    let after: string | undefined
    do {
      const page = (await admin('GET', `/admin/apis?limit=2${after === undefined ? '' : `&after=${after}`}`)).json()
      t.ok(page.apis.length <= 2)
      seen.push(...page.apis)
      after = page.next
    } while (after !== undefined)
    t.match(seen[0], { identifier: app.config.issuer, built_in: true })
    const all = (await admin('GET', '/admin/apis?limit=100')).json().apis as Api[]
    t.same(seen.map((api) => api.id), all.map((api) => api.id), 'every API once, in order')
    t.ok(all.some((api) => api.identifier === RESOURCE_AUDIENCE))
    t.equal((await admin('GET', '/admin/apis?limit=0')).statusCode, 400)
  })

  t.test('bodies are strict and identifiers absolute, without fragment, https or loopback http', async (t) => {
    const bad = [
      { ...BILLING_API, identifier: 'https://strict.example', audience: 'typo' },
      { ...BILLING_API, identifier: 'https://strict.example', scopes: [{ name: 'a', description: 'b', extra: 1 }] },
      { ...BILLING_API, identifier: '/relative' },
      { ...BILLING_API, identifier: 'https://api.example/#frag' },
      { ...BILLING_API, identifier: 'http://api.example' },
      { ...BILLING_API, identifier: 'https://user@api.example' },
      { ...BILLING_API, identifier: 'HTTPS://API.example' },
      { ...BILLING_API, identifier: 'https://strict.example', access_token_ttl: 59 },
      { ...BILLING_API, identifier: 'https://strict.example', access_token_ttl: 86401 },
      { ...BILLING_API, identifier: 'https://strict.example', scopes: [{ name: 'two words', description: 'x' }] },
      { ...BILLING_API, identifier: 'https://strict.example', scopes: [{ name: 'a', description: 'x'.repeat(301) }] },
      { ...BILLING_API, identifier: 'https://strict.example', scopes: [{ name: 'a', description: 'x' }, { name: 'a', description: 'y' }] },
      { ...BILLING_API, identifier: 'https://strict.example', scopes: [], introspectors: ['no-such-client'] }
    ]
    for (const body of bad) {
      const response = await admin('POST', '/admin/apis', body)
      t.equal(response.statusCode, 400, JSON.stringify(body).slice(0, 120))
      t.equal(response.json().error, 'invalid_request')
    }
    t.equal((await admin('GET', '/admin/apis?limit=100')).json().apis.some((api: Api) => api.identifier === 'https://strict.example'), false)
  })

  t.test('409 for an identifier or a scope another API has, the issuer and its scopes included', async (t) => {
    const clashes = [
      { ...BILLING_API, name: 'again' },
      { identifier: 'https://other.example', name: 'Other', scopes: [{ name: 'invoices:read', description: 'mine too' }] },
      { identifier: 'https://other.example', name: 'Other', scopes: [{ name: 'ships:read', description: 'mine too' }] },
      { identifier: 'https://other.example', name: 'Other', scopes: [{ name: 'openid', description: 'reserved' }] },
      { identifier: 'https://other.example', name: 'Other', scopes: [{ name: 'offline_access', description: 'reserved' }] },
      { identifier: app.config.issuer, name: 'Identity', scopes: [] }
    ]
    for (const body of clashes) t.equal((await admin('POST', '/admin/apis', body)).statusCode, 409, JSON.stringify(body).slice(0, 100))
  })

  t.test('replace: PUT takes the whole definition, and may not take another API’s scope or identifier', async (t) => {
    const api = await registerApi(app, { identifier: 'https://replace.example', name: 'Before', scopes: [{ name: 'r:one', description: 'one' }] })
    const client = await createClient(app, { scope: 'r:one' })
    const replaced = await admin('PUT', `/admin/apis/${api.id}`, { identifier: 'https://replace.example', name: 'After', scopes: [{ name: 'r:one', description: 'first' }, { name: 'r:two', description: 'two' }], introspectors: [client.client_id] })
    t.equal(replaced.statusCode, 200)
    t.match(replaced.json(), { name: 'After', introspectors: [client.client_id], scopes: [{ name: 'r:one', description: 'first' }, { name: 'r:two' }] })
    t.equal((await admin('PUT', `/admin/apis/${api.id}`, { identifier: BILLING, name: 'x', scopes: [] })).statusCode, 409)
    t.equal((await admin('PUT', `/admin/apis/${api.id}`, { identifier: 'https://replace.example', name: 'x', scopes: [{ name: 'calls', description: 'x' }] })).statusCode, 409)
    const dropping = await admin('PUT', `/admin/apis/${api.id}`, { identifier: 'https://replace.example', name: 'x', scopes: [{ name: 'r:two', description: 'two' }] })
    t.equal(dropping.statusCode, 409, 'a scope a client holds cannot be taken away')
    t.equal((await admin('PUT', '/admin/apis/nonesuch', { identifier: 'https://nonesuch.example', name: 'x', scopes: [] })).statusCode, 404)
  })

  t.test('delete: 204, refused while a client holds one of its scopes, then 404', async (t) => {
    const api = await registerApi(app, { identifier: 'https://doomed.example', name: 'Doomed', scopes: [{ name: 'doomed:use', description: 'use' }] })
    const client = await createClient(app, { scope: 'doomed:use' })
    const refused = await admin('DELETE', `/admin/apis/${api.id}`)
    t.equal(refused.statusCode, 409)
    t.equal(refused.json().error, 'invalid_request')
    t.equal((await admin('DELETE', `/admin/clients/${client.client_id}`)).statusCode, 204)
    t.equal((await admin('DELETE', `/admin/apis/${api.id}`)).statusCode, 204)
    t.equal((await admin('GET', `/admin/apis/${api.id}`)).statusCode, 404)
    t.equal((await admin('DELETE', `/admin/apis/${api.id}`)).statusCode, 404)
    t.equal((await admin('POST', '/admin/apis', { identifier: 'https://reuse.example', name: 'Reuse', scopes: [{ name: 'doomed:use', description: 'free again' }] })).statusCode, 201)
  })

  t.test('the identity service’s own API is listed, cannot change or go, but takes introspectors', async (t) => {
    const identity: Api = (await admin('GET', '/admin/apis/identity')).json()
    t.match(identity, { identifier: app.config.issuer, built_in: true, access_token_ttl: app.config.accessTokenTtl })
    t.same(identity.scopes.map(({ name }) => name), ['account', 'users:read', 'openid', 'profile', 'email', 'offline_access'])
    const { id: _id, built_in: _builtIn, ...definition } = identity
    for (const change of [{ name: 'Mine now' }, { scopes: [] }, { identifier: 'https://moved.example' }, { access_token_ttl: 60 }]) {
      const response = await admin('PUT', '/admin/apis/identity', { ...definition, ...change })
      t.equal(response.statusCode, 400, JSON.stringify(change))
    }
    t.equal((await admin('DELETE', '/admin/apis/identity')).statusCode, 400)
    const introspector = await createClient(app, { client_name: 'account API gateway' })
    const allowed = await admin('PUT', '/admin/apis/identity', { ...definition, introspectors: [introspector.client_id] })
    t.equal(allowed.statusCode, 200)
    t.same(allowed.json().introspectors, [introspector.client_id])
    t.same((await admin('GET', '/admin/apis/identity')).json().scopes, identity.scopes, 'its definition unchanged')
  })
})
