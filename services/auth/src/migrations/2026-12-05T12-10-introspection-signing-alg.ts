// How introspection answers asked for as JWTs are signed for each client (RFC 9701 §6): RS256 unless it registers ES256.
import type { Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .addColumn('introspection_signed_response_alg', 'text', (c) => c.notNull().defaultTo('RS256'))
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').dropColumn('introspection_signed_response_alg').execute()
}
