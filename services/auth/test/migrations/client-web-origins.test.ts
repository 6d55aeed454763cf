// Clients stored before web origins existed get theirs from their redirect URIs: malformed or native ones give none.
import t, { type Test } from 'tap'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { isolated } from '@keyhold/service-kit/testing'
import { migrationProvider } from '../../src/migrations/index.js'
import { pgClientStore } from '../../src/storage/pg/clients.js'

const BEFORE = '2026-12-05T09-00-standard-claims'

const client = (id: string, redirectUris: string[]) => ({
  id, name: id, secret_hash: null, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'],
  scope: '', token_endpoint_auth_method: 'none'
})

async function databaseBefore (t: Test) {
  const { databaseUrl, name } = await isolated(t)
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }) })
  t.teardown(() => db.destroy())
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: name })
  t.notOk((await migrator.migrateTo(BEFORE)).error)
  return { db, migrator }
}

t.test('existing clients are backfilled, and found by origin', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  await db.insertInto('clients').values([
    client('spa', ['https://spa.example/cb', 'https://spa.example/silent', 'https://spa.example:8443/cb']),
    client('desktop', ['http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'com.example.app:/cb']),
    // Stored before redirect URIs had to be normalised: never answered at, so no origin.
    client('legacy', ['HTTPS://Legacy.example/cb', 'https://legacy.example:443/cb', 'http://localhost:3000/cb', 'not a uri']),
    { ...client('service', []), secret_hash: 'h', token_endpoint_auth_method: 'client_secret_basic', grant_types: ['client_credentials'], response_types: [] }
  ]).execute()

  t.notOk((await migrator.migrateToLatest()).error)
  const rows = await db.selectFrom('clients').select(['id', 'web_origins']).orderBy('id').execute()
  t.same(Object.fromEntries(rows.map((row) => [row.id, row.web_origins])), {
    desktop: ['http://127.0.0.1:8080', 'http://[::1]'],
    legacy: [],
    service: [],
    spa: ['https://spa.example', 'https://spa.example:8443']
  })
  const store = pgClientStore(db)
  t.equal(await store.registersWebOrigin('https://spa.example:8443'), true)
  t.equal(await store.registersWebOrigin('http://[::1]'), true)
  t.equal(await store.registersWebOrigin('https://legacy.example'), false)

  t.notOk((await migrator.migrateDown()).error, 'and it can be undone')
  t.notOk((await migrator.migrateToLatest()).error)
})

t.test('every client is backfilled, however many there are', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  const count = 2_345
  await db.insertInto('clients').values(Array.from({ length: count }, (_, i) => client(`c${i}`, [`https://app${i}.example/cb`]))).execute()
  t.notOk((await migrator.migrateToLatest()).error)
  const filled = await db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n'))
    .where(sql<boolean>`web_origins = array['https://app' || substr(id, 2) || '.example']`).executeTakeFirstOrThrow()
  t.equal(Number(filled.n), count)
})
