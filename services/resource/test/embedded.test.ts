// Without DATABASE_URL and REDIS_URL: an embedded Postgres in DATA_DIR, kept across restarts.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

const credentials = { RESOURCE_CLIENT_ID: 'resource', RESOURCE_CLIENT_SECRET: 'secret' }

t.test('with no server URLs the configuration names the data directory, by default the repository\'s .data', async (t) => {
  const config = loadConfig(credentials)
  t.equal(config.databaseUrl, undefined)
  t.equal(config.redisUrl, undefined)
  t.equal(config.dataDir, fileURLToPath(new URL('../../../.data/resource', import.meta.url)))
})

t.test('the service runs its migrations on an embedded Postgres, kept in its data directory', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyhold-resource-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  // No identity service listens there: /ready reports it down, and Postgres up.
  const config = loadConfig({ ...credentials, DATA_DIR: dataDir, AUTH_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' })
  const start = async () => {
    const app = await buildApp(config)
    t.teardown(() => app.close())
    return app
  }
  const ship = { name: 'Keyhold Surveyor', registry: null, class: 'Test', affiliation: 'Keyhold', category: 'survey', crew: 3 }
  const named = (app: Awaited<ReturnType<typeof start>>) =>
    app.resourceDb.selectFrom('ships').select('name').where('name', '=', ship.name).executeTakeFirst()

  const first = await start()
  t.same((await first.inject('/ready')).json().checks, { postgres: 'up', identity: 'down' })
  t.not(await first.resourceDb.selectFrom('ships').select('id').executeTakeFirst(), undefined, 'migrations ran and seeded the catalogue')
  await first.resourceDb.insertInto('ships').values(ship).execute()
  await first.close()

  const second = await start()
  t.same(await named(second), { name: ship.name }, 'what the first start wrote is there after a restart')
})
