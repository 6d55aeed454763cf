// What an administrator trusts a client with: first-party standing and the audiences it may introspect.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .addColumn('first_party', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('introspection_audiences', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .dropColumn('introspection_audiences')
    .dropColumn('first_party')
    .execute()
}
