import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import t from 'tap'
import { prepared, PreparingClient } from '../../src/storage/prepared.js'
import { DATABASE_URL } from '../helper.js'

t.test('marked reads are prepared once per connection; other statements are not', async (t) => {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, Client: PreparingClient, max: 1 })
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) })
  t.teardown(() => db.destroy())
  const statements = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement)

  const marked = prepared(sql<{ n: number }>`select ${41}::int + 1 as n`.compile(db))
  const unmarked = sql<{ n: number }>`select ${1}::int as n`.compile(db)
  for (let i = 0; i < 3; i++) {
    t.same((await db.executeQuery(marked)).rows, [{ n: 42 }], 'answers like any query')
    t.same((await db.executeQuery(unmarked)).rows, [{ n: 1 }])
  }
  t.same(await statements(), [marked.sql], 'only the marked read is a named statement, prepared once')
})
