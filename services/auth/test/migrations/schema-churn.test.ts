// Several services or test runs share one Postgres, each in its own schema: schemas created and dropped by the others
// while this one starts must never fail its migrations' look at what tables exist.
import t from 'tap'
import pg from 'pg'
import { openDatabase } from '@keyhold/service-kit/postgres'
import { isolated, TEST_DATABASE_URL } from '@keyhold/service-kit/testing'
import { migrationProvider } from '../../src/migrations/index.js'

t.test('the tables the migrator sees while other schemas come and go', async (t) => {
  const { databaseUrl } = await isolated(t)
  const db = await openDatabase(silentLog, { databaseUrl, dataDir: '' }, { migrations: migrationProvider, connectionTimeoutMillis: 5000 })
  t.teardown(() => db.destroy())

  const others = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 3 })
  t.teardown(() => others.end())
  let churning = true
  const churn = async (worker: number) => {
    for (let n = 0; churning; n++) {
      const schema = `churn_${process.pid}_${worker}_${n}`
      await others.query(`create schema ${schema}; create table ${schema}.t (a int)`)
      await others.query(`drop schema ${schema} cascade`)
    }
  }
  const churners = [0, 1, 2].map(churn)

  const failures: unknown[] = []
  let seen: string[] = []
  for (let i = 0; i < 150; i++) {
    try {
      seen = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((table) => table.name)
    } catch (error) {
      failures.push(error)
    }
  }
  churning = false
  await Promise.all(churners)

  t.same(failures, [], 'no look failed')
  t.ok(seen.includes('kysely_migration') && seen.includes('users'), 'its own tables are seen')
  t.notOk(seen.some((name) => name === 't'), 'the other schemas’ tables are not')
})

const silentLog = { warn () {} } as never
