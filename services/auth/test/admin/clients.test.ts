import t from 'tap'
import { adminHeaders, basic, build, clientCredentialsToken, createClient, postForm } from '../helper.js'

t.test('the administrator client API', async (t) => {
  const app = await build(t)
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: adminHeaders, ...(payload && { payload }) })

  t.test('create returns the secret once, with a Location', async (t) => {
    const response = await admin('POST', '/admin/clients', { client_name: 'billing', grant_types: ['client_credentials'], scope: 'calls' })
    t.equal(response.statusCode, 201)
    const created = response.json()
    t.equal(response.headers.location, `/admin/clients/${created.client_id}`)
    t.match(created, { client_name: 'billing', scope: 'calls', token_endpoint_auth_method: 'client_secret_basic', client_secret_expires_at: 0 })
    t.ok(Buffer.from(created.client_secret, 'base64url').length >= 32, 'a 256-bit secret')

    const read = await admin('GET', response.headers.location as string)
    t.equal(read.statusCode, 200)
    t.notOk('client_secret' in read.json(), 'never shown again')
    t.same(read.json(), (({ client_secret: _s, client_secret_expires_at: _e, ...view }) => view)(created))
  })

  t.test('the secret is stored only as a keyed hash', async (t) => {
    const created = await createClient(app)
    const row = await app.db.selectFrom('clients').selectAll().where('id', '=', created.client_id).executeTakeFirstOrThrow()
    t.notOk(JSON.stringify(row).includes(created.client_secret!))
  })

  t.test('a public client gets no secret', async (t) => {
    const created = await createClient(app, {
      grant_types: ['authorization_code'], redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none'
    })
    t.equal(created.client_secret, undefined)
    t.same(created.response_types, ['code'])
  })

  t.test('invalid metadata is refused with RFC 7591 errors', async (t) => {
    const cases: Array<[object, string]> = [
      [{ grant_types: ['authorization_code'], redirect_uris: ['http://app.example/cb'] }, 'invalid_redirect_uri'],
      [{ grant_types: ['authorization_code'], redirect_uris: ['https://app.example/cb#frag'] }, 'invalid_redirect_uri'],
      [{ grant_types: ['authorization_code'] }, 'invalid_redirect_uri'],
      [{ grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' }, 'invalid_client_metadata'],
      [{ grant_types: ['client_credentials'], response_types: ['code'] }, 'invalid_client_metadata']
    ]
    for (const [metadata, error] of cases) {
      const response = await admin('POST', '/admin/clients', { client_name: 'x', ...metadata })
      t.equal(response.statusCode, 400, JSON.stringify(metadata))
      t.equal(response.json().error, error)
    }
    const malformed = await admin('POST', '/admin/clients', { client_name: 'x', scope: 'two  spaces' })
    t.equal(malformed.statusCode, 400)
    t.equal(malformed.json().error, 'invalid_request')
  })

  t.test('update replaces the metadata and narrows what tokens may carry', async (t) => {
    const client = await createClient(app)
    const response = await admin('PUT', `/admin/clients/${client.client_id}`,
      { client_name: 'renamed', grant_types: ['client_credentials'], scope: 'ships:read' })
    t.equal(response.statusCode, 200)
    t.match(response.json(), { client_name: 'renamed', scope: 'ships:read' })
    const denied = await postForm(app, '/token', { grant_type: 'client_credentials', scope: 'ships:write' },
      { authorization: basic(client.client_id, client.client_secret!) })
    t.equal(denied.json().error, 'invalid_scope')
  })

  t.test('a new secret replaces the old one', async (t) => {
    const client = await createClient(app)
    const response = await admin('POST', `/admin/clients/${client.client_id}/secret`)
    t.equal(response.statusCode, 200)
    const renewed = response.json()
    t.not(renewed.client_secret, client.client_secret)
    const old = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(client.client_id, client.client_secret!) })
    t.equal(old.statusCode, 401)
    t.ok(await clientCredentialsToken(app, { ...client, client_secret: renewed.client_secret }))
  })

  t.test('delete removes the client and its tokens stop being active', async (t) => {
    const client = await createClient(app)
    const introspector = await createClient(app)
    const token = await clientCredentialsToken(app, client)
    t.equal((await admin('DELETE', `/admin/clients/${client.client_id}`)).statusCode, 204)
    t.equal((await admin('GET', `/admin/clients/${client.client_id}`)).statusCode, 404)
    t.equal((await admin('DELETE', `/admin/clients/${client.client_id}`)).statusCode, 404)
    const introspection = await postForm(app, '/introspect', { token }, { authorization: basic(introspector.client_id, introspector.client_secret!) })
    t.equal(introspection.body, '{"active":false}')
  })

  t.test('unknown ids are 404 with an error body', async (t) => {
    for (const [method, url] of [['GET', '/admin/clients/nope'], ['PUT', '/admin/clients/nope'], ['POST', '/admin/clients/nope/secret']] as const) {
      const response = await admin(method, url, method === 'PUT' ? { client_name: 'x', grant_types: ['client_credentials'] } : undefined)
      t.equal(response.statusCode, 404, `${method} ${url}`)
      t.equal(response.json().error, 'not_found')
    }
  })
})

t.test('listing pages through every client exactly once', async (t) => {
  const app = await build(t)
  const ids = new Set<string>()
  for (let i = 0; i < 5; i++) ids.add((await createClient(app, { client_name: `c${i}` })).client_id)
  const seen: string[] = []
  let after: string | undefined
  do {
    const response = await app.inject({ url: `/admin/clients?limit=2${after ? `&after=${after}` : ''}`, headers: adminHeaders })
    t.equal(response.statusCode, 200)
    const page = response.json()
    t.ok(page.clients.length <= 2)
    seen.push(...page.clients.map((c: { client_id: string }) => c.client_id))
    after = page.next
  } while (after)
  t.same(new Set(seen), ids)
  t.equal(seen.length, ids.size)
  t.equal((await app.inject({ url: '/admin/clients?limit=0', headers: adminHeaders })).statusCode, 400)
})

t.test('the admin API needs the admin credential', async (t) => {
  const app = await build(t)
  for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${Buffer.from('admin:x').toString('base64')}`]) {
    const response = await app.inject({ url: '/admin/clients', headers: authorization ? { authorization } : {} })
    t.equal(response.statusCode, 401, String(authorization))
    t.match(response.headers['www-authenticate'], /^Bearer/)
    t.equal(response.headers['cache-control'], 'no-store')
  }
})
