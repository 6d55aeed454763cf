// A service's Postgres through kysely: a pool with timeouts (or an embedded PGlite without a URL), migrations brought up to date at start.
import { mkdir } from 'node:fs/promises'
import type { FastifyBaseLogger } from 'fastify'
import { Kysely, Migrator, PostgresDialect, sql, type Dialect, type MigrationProvider } from 'kysely'
import pg from 'pg'
import { introspectingCurrentSchemaOnly } from './current-schema-introspector.js'

export interface PostgresSettings {
  migrations: MigrationProvider
  /** How long to wait for a pooled connection before the request fails as "store unavailable". */
  connectionTimeoutMillis: number
  /** The class the pool builds its connections from, when not pg's own. */
  Client?: pg.PoolConfig['Client']
}

export interface PostgresOptions {
  /** Postgres to connect to; when absent, an embedded Postgres keeps its files in `dataDir`. */
  databaseUrl: string | undefined
  dataDir: string
}

/** The service's database, its migrations brought up to date; closed again if they fail. */
export async function openDatabase<DB> (log: FastifyBaseLogger, options: PostgresOptions, settings: PostgresSettings): Promise<Kysely<DB>> {
  const dialect = options.databaseUrl === undefined ? await embedded(options.dataDir) : pooled(log, options.databaseUrl, settings)
  const db = new Kysely<DB>({ dialect: introspectingCurrentSchemaOnly(dialect) })

  const { error } = await migrate(db, settings.migrations).catch((error: unknown) => ({ error }))
  if (error) {
    await db.destroy()
    throw error
  }
  return db
}

function pooled (log: FastifyBaseLogger, databaseUrl: string, settings: PostgresSettings): Dialect {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    Client: settings.Client,
    max: 10,
    connectionTimeoutMillis: settings.connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
    statement_timeout: 5000,
    query_timeout: 6000
  })
  // A connection that dies (server restart, network), idle or checked out, must not crash the process.
  const lost = (error: Error) => log.warn({ err: error }, 'postgres connection lost')
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
async function migrate (db: Kysely<any>, provider: MigrationProvider) {
  const { rows: [row] } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return new Migrator({ db, provider, migrationTableSchema: row!.schema }).migrateToLatest()
}
