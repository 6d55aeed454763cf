// The keyed hash of each dynamically registered client's registration access token (RFC 7592 §1.3); null for clients
// an administrator created, which the admin API manages.
import type { Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('registration_access_token_hash', 'text').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').dropColumn('registration_access_token_hash').execute()
}
