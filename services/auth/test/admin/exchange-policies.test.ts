// The administrator's token-exchange policy API: create, list by pages, read, replace, delete, and what it refuses.
import t from 'tap'
import { TOKEN_EXCHANGE_GRANT } from '@keyhold/contracts'
import { adminHeaders, build, createClient } from '../helper.js'

const BILLING = 'https://billing.example/api'
const RESOURCE = 'http://127.0.0.1:4001'

t.test('the administrator exchange policy API', async (t) => {
  const app = await build(t)
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: adminHeaders, ...(payload && { payload }) })
  const service = await createClient(app, { grant_types: ['client_credentials', TOKEN_EXCHANGE_GRANT], introspects: [RESOURCE] })
  const body = { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' }

  t.test('create answers 201 with a Location, read and replace show the policy, delete removes it', async (t) => {
    const created = await admin('POST', '/admin/exchange-policies', body)
    t.equal(created.statusCode, 201)
    const policy = created.json()
    t.equal(created.headers.location, `/admin/exchange-policies/${policy.id}`)
    t.match(policy, { ...body, impersonation: false, id: String, created_at: String, updated_at: String })
    t.same((await admin('GET', created.headers.location as string)).json(), policy)

    const replaced = await admin('PUT', created.headers.location as string, { ...body, target_scope: 'invoices:read invoices:write', impersonation: true })
    t.equal(replaced.statusCode, 200)
    t.match(replaced.json(), { id: policy.id, target_scope: 'invoices:read invoices:write', impersonation: true, created_at: policy.created_at })
    t.same((await admin('GET', created.headers.location as string)).json(), replaced.json())

    t.equal((await admin('DELETE', created.headers.location as string)).statusCode, 204)
    t.equal((await admin('GET', created.headers.location as string)).statusCode, 404)
    t.equal((await admin('DELETE', created.headers.location as string)).statusCode, 404)
    t.equal((await admin('PUT', created.headers.location as string, body)).statusCode, 404)
    t.equal((await admin('GET', '/admin/exchange-policies/not-a-uuid')).statusCode, 404)
  })

  t.test('the list comes in pages', async (t) => {
    const lister = await build(t)
    const client = await createClient(lister, { grant_types: ['client_credentials', TOKEN_EXCHANGE_GRANT] })
    const ids = []
    for (let i = 0; i < 5; i++) {
      const response = await lister.inject({ method: 'POST', url: '/admin/exchange-policies', headers: adminHeaders, payload: { ...body, client_id: client.client_id, source_scope: `s${i}` } })
      ids.push(response.json().id)
    }
    const page = async (query: string) => (await lister.inject({ method: 'GET', url: `/admin/exchange-policies${query}`, headers: adminHeaders })).json()
    const first = await page('?limit=2')
    t.equal(first.policies.length, 2)
    const second = await page(`?limit=2&after=${first.next}`)
    const third = await page(`?limit=2&after=${second.next}`)
    t.equal(third.policies.length, 1)
    t.notOk('next' in third, 'the last page says so')
    t.same([...first.policies, ...second.policies, ...third.policies].map((policy: { id: string }) => policy.id), ids.sort())
    t.same((await page('?after=not-a-uuid')).policies, [])
    t.equal((await lister.inject({ method: 'GET', url: '/admin/exchange-policies?limit=101', headers: adminHeaders })).statusCode, 400)
  })

  t.test('bodies are strict: unknown properties, bad identifiers, unknown or public clients are refused', async (t) => {
    const spa = await createClient(app, { grant_types: ['authorization_code'], redirect_uris: ['https://spa.example/cb'], token_endpoint_auth_method: 'none' })
    const cases: Array<[object, string]> = [
      [{ ...body, impersonate: true }, 'the body has a property the exchange policy API does not know'],
      [{ ...body, source_api: 'billing' }, 'source_api must be an absolute URI without a fragment'],
      [{ ...body, target_api: `${BILLING}#x` }, 'target_api must be an absolute URI without a fragment'],
      [{ ...body, target_api: 'https://billing.example/a b' }, 'target_api must be an absolute URI without a fragment'],
      [{ ...body, client_id: 'nobody' }, 'client_id names no client'],
      [{ ...body, client_id: spa.client_id }, 'a public client cannot exchange tokens'],
      [{ ...body, target_scope: 'account' }, 'the account scope is never obtained by exchange']
    ]
    for (const [payload, description] of cases) {
      const response = await admin('POST', '/admin/exchange-policies', payload)
      t.same([response.statusCode, response.json()], [400, { error: 'invalid_request', error_description: description }], description)
    }
    for (const payload of [{ ...body, source_scope: 'two scopes' }, { ...body, target_scope: '' }, { ...body, impersonation: 'yes' }, (({ target_api: _, ...rest }) => rest)(body)]) {
      const response = await admin('POST', '/admin/exchange-policies', payload)
      t.same([response.statusCode, response.json().error], [400, 'invalid_request'], JSON.stringify(payload))
    }
    const policy = (await admin('POST', '/admin/exchange-policies', body)).json()
    const renamed = await admin('PUT', `/admin/exchange-policies/${policy.id}`, { ...body, client_id: 'nobody' })
    t.same([renamed.statusCode, renamed.json().error], [400, 'invalid_request'])
  })

  t.test('the administrator credential is required', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/admin/exchange-policies', payload: body })
    t.equal(response.statusCode, 401)
    t.equal((await app.inject({ method: 'GET', url: '/admin/exchange-policies' })).statusCode, 401)
  })

  t.test("a client's policies go with it", async (t) => {
    const doomed = await createClient(app, { grant_types: ['client_credentials', TOKEN_EXCHANGE_GRANT] })
    const policy = (await admin('POST', '/admin/exchange-policies', { ...body, client_id: doomed.client_id })).json()
    await admin('DELETE', `/admin/clients/${doomed.client_id}`)
    t.equal((await admin('GET', `/admin/exchange-policies/${policy.id}`)).statusCode, 404)
  })
})

t.test('dynamic registration cannot ask for the token-exchange grant', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const response = await app.inject({ method: 'POST', url: '/register', payload: { client_name: 'x', grant_types: ['client_credentials', TOKEN_EXCHANGE_GRANT] } })
  t.same([response.statusCode, response.json().error], [400, 'invalid_client_metadata'])
})
