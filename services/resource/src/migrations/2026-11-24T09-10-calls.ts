// Users' phone calls, each owned by the subject of the token that placed it.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ongoing').check(sql`status in ('ongoing', 'ended')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .addCheckConstraint('calls_ended_at_matches_status', sql`(status = 'ended') = (ended_at is not null)`)
    .execute()
  await db.schema.createIndex('calls_owner_status').on('calls').columns(['owner', 'status', 'started_at']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calls').execute()
}
