// The Postgres exchange-policy store: what the exchange asks of it, and what it refuses.
import t from 'tap'
import type { ExchangePolicyFields } from '../../src/storage/types.js'
import { build, createClient } from '../helper.js'

t.test('exchange policies in Postgres', async (t) => {
  const app = await build(t)
  const store = app.stores.exchangePolicies
  const client = await createClient(app)
  const fields = (overrides: Partial<ExchangePolicyFields> = {}): ExchangePolicyFields => ({
    clientId: client.client_id, sourceApi: 'https://a.example', sourceScope: 'a', targetApi: 'https://b.example', targetScopes: ['b1', 'b2'], impersonation: false, ...overrides
  })

  t.test('a created policy is found by id and by its client and target only', async (t) => {
    const policy = (await store.create(fields()))!
    t.match(policy, { ...fields(), id: String, createdAt: Date })
    t.same(await store.find(policy.id), policy)
    t.ok((await store.forTarget(client.client_id, 'https://b.example')).some((found) => found.id === policy.id))
    t.same(await store.forTarget(client.client_id, 'https://c.example'), [])
    t.same(await store.forTarget('another', 'https://b.example'), [])
  })

  t.test('a policy for an unknown client is not stored', async (t) => {
    t.equal(await store.create(fields({ clientId: 'nobody' })), undefined)
    const policy = (await store.create(fields()))!
    t.equal(await store.replace(policy.id, fields({ clientId: 'nobody' })), 'unknown_client')
    t.same((await store.find(policy.id))?.clientId, client.client_id)
  })

  t.test('replace changes every field but the id and creation time; delete answers once', async (t) => {
    const policy = (await store.create(fields()))!
    const replaced = await store.replace(policy.id, fields({ targetApi: 'https://c.example', targetScopes: ['c'], impersonation: true }))
    t.match(replaced, { id: policy.id, targetApi: 'https://c.example', targetScopes: ['c'], impersonation: true, createdAt: policy.createdAt })
    t.equal(await store.delete(policy.id), true)
    t.equal(await store.delete(policy.id), false)
    t.equal(await store.replace(policy.id, fields()), undefined)
    t.equal(await store.find('not-a-uuid'), undefined)
  })

  t.test('policies go with their client', async (t) => {
    const doomed = await createClient(app)
    const policy = (await store.create(fields({ clientId: doomed.client_id })))!
    await app.stores.clients.delete(doomed.client_id)
    t.equal(await store.find(policy.id), undefined)
  })
})
