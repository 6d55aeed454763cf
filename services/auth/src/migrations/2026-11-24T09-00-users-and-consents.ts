// User accounts and the scopes each user has granted each client.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // Usernames are unique regardless of case, so that "Alice" cannot pose as "alice".
  await db.schema.createIndex('users_username_key').on('users').unique()
    .expression(sql`lower(username)`)
    .execute()

  await db.schema.createTable('consents')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('consents_pkey', ['user_id', 'client_id'])
    .execute()
  await db.schema.createIndex('consents_client_id_idx').on('consents').column('client_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consents').execute()
  await db.schema.dropTable('users').execute()
}
