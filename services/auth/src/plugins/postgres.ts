// Postgres through kysely: one pool per app (or an embedded Postgres without DATABASE_URL), migrations brought up to date at start.
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { openDatabase, type PostgresOptions } from '@keyhold/service-kit/postgres'
import { migrationProvider } from '../migrations/index.js'
import type { Database } from '../storage/pg/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

export default fp(async (app, opts: PostgresOptions) => {
  const db = await openDatabase<Database>(app.log, opts, { migrations: migrationProvider, connectionTimeoutMillis: 5000 })
  app.decorate('db', db)
  app.addHook('onClose', async () => { await db.destroy() })
}, { name: 'postgres' })
