// OpenID Connect client metadata: the id_token signing algorithm, post-logout redirect URIs and back-channel logout.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .addColumn('id_token_signed_response_alg', 'text', (c) => c.notNull().defaultTo('RS256'))
    .addColumn('post_logout_redirect_uris', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('backchannel_logout_uri', 'text')
    .addColumn('backchannel_logout_session_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .dropColumn('backchannel_logout_session_required')
    .dropColumn('backchannel_logout_uri')
    .dropColumn('post_logout_redirect_uris')
    .dropColumn('id_token_signed_response_alg')
    .execute()
}
