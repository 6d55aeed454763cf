// Clients' introspection_audiences become API records: one per audience, introspected by the clients allowed it; the
// issuer's audience becomes the identity service's own API's introspectors when the service starts.
import t from 'tap'
import type { Api } from '@keyhold/contracts'
import { buildApp } from '../../src/app.js'
import { adminHeaders, isolatedConfig } from '../helper.js'
import { databaseAt } from './support.js'

const BEFORE = '2026-12-05T10-00-client-web-origins'
const ISSUER = 'https://id.example'
const RESOURCE = 'https://api.example'

const client = (id: string, audiences: string[]) => ({
  id, name: id, secret_hash: 'h', redirect_uris: [], grant_types: ['client_credentials'], response_types: [],
  scope: '', token_endpoint_auth_method: 'client_secret_basic', introspection_audiences: audiences
})

t.test('introspection audiences become APIs and their introspectors', async (t) => {
  const { db, databaseUrl } = await databaseAt(t, BEFORE)
  await db.insertInto('clients').values([
    client('gateway', [RESOURCE, ISSUER]), client('resource', [RESOURCE]), client('other', ['https://other.example']), client('plain', [])
  ]).execute()

  const app = await buildApp(await isolatedConfig(t, { DATABASE_URL: databaseUrl, ISSUER }))
  t.teardown(() => app.close())
  const apis: Api[] = (await app.inject({ url: '/admin/apis?limit=100', headers: adminHeaders })).json().apis
  const byIdentifier = Object.fromEntries(apis.map((api) => [api.identifier, api]))
  t.same(Object.keys(byIdentifier).sort(), [RESOURCE, ISSUER, 'https://other.example'].sort(), 'one API per audience, the issuer’s the built-in one')
  t.match(byIdentifier[RESOURCE], { name: RESOURCE, scopes: [], built_in: false })
  t.same(byIdentifier[RESOURCE]!.introspectors, ['gateway', 'resource'])
  t.same(byIdentifier['https://other.example']!.introspectors, ['other'])
  t.match(byIdentifier[ISSUER], { built_in: true, introspectors: ['gateway'] })
  t.notOk('introspection_audiences' in (await app.inject({ url: '/admin/clients/gateway', headers: adminHeaders })).json())
})

t.test('undone, the audiences come back to the clients', async (t) => {
  const { db, migrator } = await databaseAt(t, BEFORE)
  await db.insertInto('clients').values([client('gateway', [RESOURCE, ISSUER]), client('plain', [])]).execute()
  t.notOk((await migrator.migrateToLatest()).error)
  t.notOk((await migrator.migrateTo('2026-12-05T12-00-api-registry')).error, 'back to the registry, the later migrations undone')
  t.notOk((await migrator.migrateDown()).error)
  const rows = await db.selectFrom('clients').select(['id', 'introspection_audiences']).orderBy('id').execute()
  t.same(rows, [{ id: 'gateway', introspection_audiences: [RESOURCE, ISSUER].sort() }, { id: 'plain', introspection_audiences: [] }])
})
