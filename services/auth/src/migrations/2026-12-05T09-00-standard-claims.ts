// The OpenID Connect standard claims of a user (Core 1.0 §5.1): email, unique by its key, and the parts of a name.
import { sql, type Kysely } from 'kysely'

// Every column may stay empty, so accounts made before keep working; an address was never verified until something
// verifies it. The unique index is partial: any number of accounts may have no address.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users')
    .addColumn('email', 'text')
    .addColumn('email_key', 'text')
    .addColumn('email_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('name', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .execute()
  await db.schema.alterTable('users').addCheckConstraint('users_email_has_key', sql`(email is null) = (email_key is null)`).execute()
  await db.schema.alterTable('users').addCheckConstraint('users_verified_email_exists', sql`email is not null or not email_verified`).execute()
  await db.schema.createIndex('users_email_key_unique').on('users').column('email_key').unique()
    .where(sql.ref('email_key'), 'is not', null)
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_email_key_unique').execute()
  await db.schema.alterTable('users').dropConstraint('users_verified_email_exists').execute()
  await db.schema.alterTable('users').dropConstraint('users_email_has_key').execute()
  await db.schema.alterTable('users')
    .dropColumn('family_name')
    .dropColumn('given_name')
    .dropColumn('name')
    .dropColumn('email_verified')
    .dropColumn('email_key')
    .dropColumn('email')
    .execute()
}
