// Postgres through kysely: one pool per app (or an embedded Postgres without DATABASE_URL), migrations brought up to date at start.
import { mkdir } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Kysely, Migrator, PostgresDialect, sql, type Dialect } from 'kysely'
import pg from 'pg'
import { migrationProvider } from '../migrations/index.js'
import type { Database } from '../storage/database.js'
import { PreparingClient } from '../storage/prepared.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

export default fp(async (app, opts: { databaseUrl: string | undefined, dataDir: string }) => {
  const dialect = opts.databaseUrl === undefined ? await embedded(opts.dataDir) : pooled(app, opts.databaseUrl)
  const db = new Kysely<Database>({ dialect })

  const { error } = await migrate(db).catch((error: unknown) => ({ error }))
  if (error) {
    await db.destroy()
    throw error
  }

  app.decorate('db', db)
  app.addHook('onClose', async () => { await db.destroy() })
}, { name: 'postgres' })

function pooled (app: FastifyInstance, databaseUrl: string): Dialect {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    Client: PreparingClient,
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
  return new PostgresDialect({ pool })
}

// Postgres compiled to WebAssembly, its files in `dataDir`: for running without a database server. One process
// at a time may open a directory. Loaded only here, so that a service given DATABASE_URL never loads it.
async function embedded (dataDir: string): Promise<Dialect> {
  await mkdir(dataDir, { recursive: true })
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')])
  return new PGliteDialect(await PGlite.create(dataDir))
}

// The migrator looks for its own tables in every schema unless told which one: name ours, so that
// several deployments (or test runs) sharing a database never see each other's.
async function migrate (db: Kysely<Database>) {
  const { rows: [row] } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: row!.schema }).migrateToLatest()
}
