// The administrator's token-exchange policies: which client may trade a token holding which scope of which API
// for which scopes of another API, and whether it may do so without being named as the actor.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('exchange_policies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // A policy means nothing without its client: it goes with it.
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('source_api', 'text', (c) => c.notNull())
    .addColumn('source_scope', 'text', (c) => c.notNull())
    .addColumn('target_api', 'text', (c) => c.notNull())
    .addColumn('target_scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('impersonation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // Every exchange looks up the policies of one client for one target API.
  await db.schema.createIndex('exchange_policies_client_target').on('exchange_policies').columns(['client_id', 'target_api']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exchange_policies').execute()
}
