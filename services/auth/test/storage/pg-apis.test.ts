// The API registry's Postgres store: clashes answered by name, scopes a client holds kept, writes all or nothing.
import t from 'tap'
import { pgApiStore } from '../../src/storage/pg/apis.js'
import { build, createClient } from '../helper.js'

t.test('the API store', async (t) => {
  const app = await build(t)
  const store = pgApiStore(app.db)
  const fields = (identifier: string, scopes: string[], introspectors: string[] = []) =>
    ({ identifier, name: identifier, scopes: scopes.map((name) => ({ name, description: `use ${name}` })), introspectors })
  const client = await createClient(app, { scope: 'ships:read' })

  const created = await store.create('a1', { ...fields('https://a.example', ['a:one', 'a:two'], [client.client_id]), accessTokenTtl: 120 })
  t.match(created, { id: 'a1', identifier: 'https://a.example', accessTokenTtl: 120, introspectors: [client.client_id] })
  t.same((created as { scopes: unknown[] }).scopes.length, 2)
  t.equal(await store.create('a2', fields('https://a.example', [])), 'identifier_taken')
  t.equal(await store.create('a3', fields('https://b.example', ['a:two'])), 'scope_taken')
  t.equal(await store.create('a4', fields('https://c.example', ['c:one'], ['nobody'])), 'unknown_client')
  const ids = (await store.all()).map(({ id }) => id)
  t.notOk(ids.includes('a3') || ids.includes('a4'), 'a write that clashes leaves nothing behind')
  t.ok(ids.includes('identity'), 'the row of the identity service’s introspectors')

  t.equal(await store.replace('nonesuch', fields('https://n.example', [])), undefined)
  t.equal(await store.replace('identity', fields('https://n.example', [])), undefined, 'the identity service’s row is not replaced')
  const replaced = await store.replace('a1', fields('https://a.example', ['a:two', 'a:three']))
  t.match(replaced, { scopes: [{ name: 'a:two' }, { name: 'a:three' }], introspectors: [] })
  t.notOk('accessTokenTtl' in (replaced as object), 'a lifetime left out is ACCESS_TOKEN_TTL again')

  // Straight into the client store: the registry's cache has not seen what this store wrote.
  const { id: _id, secretHash: _hash, createdAt: _at, ...clientFields } = (await app.stores.clients.find(client.client_id))!
  const holder = { client_id: (await app.stores.clients.create('holder', 'h', { ...clientFields, scopes: ['a:two'] })).id }
  t.equal(await store.replace('a1', fields('https://a.example', ['a:three'])), 'scope_in_use')
  t.equal(await store.delete('a1'), 'in_use')
  t.equal(await store.setIntrospectors('a1', ['nobody']), 'unknown_client')
  t.equal(await store.setIntrospectors('nonesuch', []), false)
  t.equal(await store.setIntrospectors('identity', [holder.client_id]), true)

  await app.inject({ method: 'DELETE', url: `/admin/clients/${holder.client_id}`, headers: { authorization: `Bearer ${app.config.adminToken}` } })
  t.same((await store.all()).find(({ id }) => id === 'identity')?.introspectors, [], 'a deleted client introspects nothing')
  t.equal(await store.delete('a1'), 'deleted')
  t.equal(await store.delete('a1'), 'unknown')
  t.equal(await store.delete('identity'), 'unknown', 'the identity service’s row stays')
})
