// Clients and access-token signing keys.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('redirect_uris', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('grant_types', sql`text[]`, (c) => c.notNull())
    .addColumn('response_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('token_endpoint_auth_method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('clients_secret_matches_auth_method',
      sql`(token_endpoint_auth_method = 'none') = (secret_hash is null)`)
    .execute()

  await db.schema.createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('sealed_private_key', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('rotated_at', 'timestamptz')
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signing_keys').execute()
  await db.schema.dropTable('clients').execute()
}
