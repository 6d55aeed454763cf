// Postgres through kysely: one pool per app (or an embedded Postgres without DATABASE_URL), migrations brought up to date at start.
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { openDatabase, type PostgresOptions } from '@keyhold/service-kit/postgres'
import { migrationProvider } from '../migrations/index.js'
import type { Database } from '../storage/database.js'
import { PreparingClient } from '../storage/prepared.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The resource service's database (named apart from the identity service's `db`, which shares Fastify's types in one program). */
    resourceDb: Kysely<Database>
  }
}

export default fp(async (app, opts: PostgresOptions) => {
  const db = await openDatabase<Database>(app.log, opts, { migrations: migrationProvider, connectionTimeoutMillis: 2000, Client: PreparingClient })
  app.decorate('resourceDb', db)
  app.addHook('onClose', async () => { await db.destroy() })
}, { name: 'postgres' })
