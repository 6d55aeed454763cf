// Postgres through kysely: one pool per app, migrations brought up to date at start.
import fp from 'fastify-plugin'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrationProvider } from '../migrations/index.js'
import type { Database } from '../storage/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

export default fp(async (app, opts: { databaseUrl: string }) => {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: 10,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 5000,
    query_timeout: 6000
  })
  // A connection that dies (server restart, network), idle or checked out, must not crash the process.
  const lost = (error: Error) => app.log.warn({ err: error }, 'postgres connection lost')
  pool.on('error', lost)
  pool.on('connect', (client) => client.on('error', lost))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })

  const { error } = await migrate(db).catch((error: unknown) => ({ error }))
  if (error) {
    await db.destroy()
    throw error
  }

  app.decorate('db', db)
  app.addHook('onClose', async () => { await db.destroy() })
}, { name: 'postgres' })

// The migrator looks for its own tables in every schema unless told which one: name ours, so that
// several deployments (or test runs) sharing a database never see each other's.
async function migrate (db: Kysely<Database>) {
  const { rows: [row] } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: row!.schema }).migrateToLatest()
}
