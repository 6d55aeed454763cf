// Passkeys: the WebAuthn credentials a user registered, each with its public key and the last signature counter seen.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('passkeys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // A passkey means nothing without its account: it goes with it.
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The authenticator's name for the credential (base64url); an assertion names it, and no two accounts share one.
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    // The COSE public key, as the authenticator gave it at registration.
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    // An unsigned 32-bit signature counter: beyond integer's range.
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`counter >= 0 and counter <= 4294967295`))
    .addColumn('transports', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('name', 'text', (c) => c.notNull())
    // Whether the key may leave the authenticator (a synced passkey) and whether it has: WebAuthn's BE and BS flags.
    .addColumn('backup_eligible', 'boolean', (c) => c.notNull())
    .addColumn('backed_up', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .execute()
  // The account page lists a user's passkeys.
  await db.schema.createIndex('passkeys_user').on('passkeys').column('user_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('passkeys').execute()
}
