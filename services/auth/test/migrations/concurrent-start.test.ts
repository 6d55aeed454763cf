// Several instances starting together on an empty database: each waits for the one that migrates, none fails, and
// every migration runs once.
import t from 'tap'
import { sql } from 'kysely'
import { openDatabase } from '@keyhold/service-kit/postgres'
import { isolated } from '@keyhold/service-kit/testing'
import { migrationProvider } from '../../src/migrations/index.js'

const silentLog = { warn () {} } as never
const INSTANCES = 4

t.test('instances starting together migrate once', async (t) => {
  const { databaseUrl } = await isolated(t)
  const starts = await Promise.allSettled(Array.from({ length: INSTANCES }, () =>
    openDatabase(silentLog, { databaseUrl, dataDir: '' }, { migrations: migrationProvider, connectionTimeoutMillis: 10_000 })))
  const dbs = starts.flatMap((start) => start.status === 'fulfilled' ? [start.value] : [])
  t.teardown(() => Promise.all(dbs.map((db) => db.destroy())))

  t.same(starts.filter((start) => start.status === 'rejected'), [], 'every instance started')
  const { rows } = await sql<{ name: string, runs: number }>`select name, count(*)::int as runs from kysely_migration group by name`.execute(dbs[0]!)
  const expected = Object.keys(await migrationProvider.getMigrations())
  t.same(rows.map((row) => row.name).sort(), expected.sort(), 'every migration is recorded')
  t.ok(rows.every((row) => row.runs === 1), 'each once')
  const { rows: [users] } = await sql<{ n: number }>`select count(*)::int as n from users`.execute(dbs[1]!)
  t.equal(users!.n, 0, 'the schema every instance sees is the migrated one')
})
