// The client cache: repeated lookups stay in process, and every change made through it applies at once.
import t from 'tap'
import type { Client, ClientFields } from '../../src/clients/client.js'
import { cachedClientStore } from '../../src/storage/cached-clients.js'
import type { ClientStore } from '../../src/storage/types.js'
import { adminHeaders, basic, build, createClient, postForm } from '../helper.js'

const fields: ClientFields = {
  name: 'c', redirectUris: [], grantTypes: ['client_credentials'], responseTypes: [], scopes: ['a'], authMethod: 'client_secret_basic',
  firstParty: false, idTokenSigningAlg: 'RS256', introspectionSigningAlg: 'RS256', postLogoutRedirectUris: [], backchannelLogoutSessionRequired: false, requireSecondFactor: false
}

/** An in-memory store that counts lookups and can hold one back until released. */
function countingStore () {
  const rows = new Map<string, Client>([['c1', { id: 'c1', secretHash: 'h', createdAt: new Date(0), ...fields }]])
  let held: Promise<void> | undefined
  const store = {
    finds: 0,
    hold () { let release!: () => void; held = new Promise((resolve) => { release = resolve }); return () => { held = undefined; release() } },
    async find (id: string) { store.finds++; const row = rows.get(id); await held; return row && { ...row } },
    list: async () => [...rows.values()],
    create: async (id: string, secretHash: string | null, f: ClientFields) => { const c = { id, secretHash, createdAt: new Date(), ...f }; rows.set(id, c); return c },
    async update (id: string, f: ClientFields) { const c = rows.get(id); if (!c) return undefined; rows.set(id, { ...c, ...f }); return rows.get(id) },
    registrationTokenHash: async () => undefined,
    updateRegistered: async () => undefined,
    async setSecretHash (id: string, secretHash: string) { const c = rows.get(id); if (c) rows.set(id, { ...c, secretHash }); return !!c },
    delete: async (id: string) => rows.delete(id),
    registersWebOrigin: async () => false
  } satisfies ClientStore & Record<string, unknown>
  return store
}

t.test('a cached client is read from the store once', async (t) => {
  const backing = countingStore()
  const clients = cachedClientStore(backing)
  t.equal((await clients.find('c1'))?.id, 'c1')
  const cached = await clients.find('c1')
  t.equal(cached?.id, 'c1')
  t.equal(backing.finds, 1)
  t.throws(() => { cached!.scopes.push('b') }, TypeError, 'a shared cached client cannot be changed in place')
  t.throws(() => { cached!.name = 'x' }, TypeError)
})

t.test('unknown clients and expired entries are looked up again', async (t) => {
  const backing = countingStore()
  const clients = cachedClientStore(backing, 0)
  await clients.find('nobody')
  await clients.find('nobody')
  await clients.find('c1')
  await clients.find('c1')
  t.equal(backing.finds, 4)
})

t.test('a lookup that overlaps a change does not cache what it read before the change', async (t) => {
  const backing = countingStore()
  const clients = cachedClientStore(backing)
  const release = backing.hold()
  const stale = clients.find('c1')
  await clients.update('c1', { ...fields, scopes: ['b'] })
  release()
  await stale
  t.same((await clients.find('c1'))?.scopes, ['b'])
})

t.test('through the admin API, updates, new secrets and deletion apply to the next token request', async (t) => {
  const app = await build(t)
  const client = await createClient(app)
  const token = (secret: string) => postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(client.client_id, secret) })
  const admin = (method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/admin/clients/${client.client_id}${url}`, headers: adminHeaders, ...(payload && { payload }) })

  t.equal((await token(client.client_secret!)).json().scope, 'ships:read ships:write')
  await admin('PUT', '', { client_name: 'service', grant_types: ['client_credentials'], scope: 'ships:read' })
  t.equal((await token(client.client_secret!)).json().scope, 'ships:read', 'updated scope applies')

  const renewed = (await admin('POST', '/secret')).json().client_secret as string
  t.equal((await token(client.client_secret!)).statusCode, 401, 'the old secret stops working')
  t.equal((await token(renewed)).statusCode, 200)

  t.equal((await admin('DELETE', '')).statusCode, 204)
  t.equal((await token(renewed)).statusCode, 401, 'a deleted client cannot authenticate')
})
