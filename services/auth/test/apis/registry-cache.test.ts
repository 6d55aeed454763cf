// The registry's in-process cache: every token request asks it, so the APIs are read once per interval; a change made
// through this process applies at once, one made by another instance when the interval ends.
import t from 'tap'
import { apiRegistry } from '../../src/apis/registry.js'
import { pgApiStore } from '../../src/storage/pg/apis.js'
import type { ApiStore } from '../../src/storage/types.js'
import { build } from '../helper.js'

t.test('the API cache', async (t) => {
  const app = await build(t)
  const store = pgApiStore(app.db)
  let reads = 0
  const counted: ApiStore = { ...store, all: async () => { reads++; return store.all() } }
  const settings = { issuer: app.config.issuer, accessTokenTtl: 3600 }
  const here = apiRegistry(counted, settings)
  const elsewhere = apiRegistry(store, settings)

  await Promise.all([here.current(), here.current(), here.find('https://x.example'), here.ownerOf('ships:read')])
  t.equal(reads, 1, 'lookups within the interval read the store once, at once or one after another')
  t.equal((await elsewhere.ownerOf('cache:use')), undefined)

  const created = await here.create('cache-test', { identifier: 'https://cache.example', name: 'Cache', scopes: [{ name: 'cache:use', description: 'u' }], introspectors: [] })
  t.match(created, { identifier: 'https://cache.example', accessTokenTtl: 3600, builtIn: false })
  t.equal((await here.ownerOf('cache:use'))?.identifier, 'https://cache.example', 'a change here applies at once')
  t.equal(await elsewhere.ownerOf('cache:use'), undefined, 'another instance keeps its answer until its interval ends')
  t.equal((await apiRegistry(store, settings, 0).ownerOf('cache:use'))?.identifier, 'https://cache.example', 'and then reads the change')

  t.equal(await here.delete('cache-test'), 'deleted')
  t.equal(await here.find('https://cache.example'), undefined)
  const failing = apiRegistry({ ...store, all: async () => { throw new Error('down') } }, settings)
  await t.rejects(failing.current(), /down/, 'a store that cannot answer fails the lookup (503 at the endpoints), never an empty registry')
})
