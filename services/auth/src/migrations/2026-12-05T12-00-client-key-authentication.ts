// Clients that authenticate with a JWT signed by their private key (private_key_jwt): their public keys, by value or
// by reference, and the algorithm they sign with. Such a client is confidential yet has no secret.
import { sql, type Kysely } from 'kysely'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .addColumn('jwks', 'jsonb')
    .addColumn('jwks_uri', 'text')
    .addColumn('token_endpoint_auth_signing_alg', 'text')
    .execute()
  await db.schema.alterTable('clients').dropConstraint('clients_secret_matches_auth_method').execute()
  await db.schema.alterTable('clients')
    .addCheckConstraint('clients_secret_matches_auth_method',
      sql`(token_endpoint_auth_method in ('none', 'private_key_jwt')) = (secret_hash is null)`)
    .execute()
  await db.schema.alterTable('clients')
    .addCheckConstraint('clients_keys_match_auth_method',
      sql`(token_endpoint_auth_method = 'private_key_jwt') = (jwks is not null or jwks_uri is not null) and (jwks is null or jwks_uri is null)`)
    .execute()
}

// Refused while a private_key_jwt client exists: the earlier schema has no way to hold it.
export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').dropConstraint('clients_keys_match_auth_method').execute()
  await db.schema.alterTable('clients').dropConstraint('clients_secret_matches_auth_method').execute()
  await db.schema.alterTable('clients')
    .addCheckConstraint('clients_secret_matches_auth_method', sql`(token_endpoint_auth_method = 'none') = (secret_hash is null)`)
    .execute()
  await db.schema.alterTable('clients')
    .dropColumn('token_endpoint_auth_signing_alg')
    .dropColumn('jwks_uri')
    .dropColumn('jwks')
    .execute()
}
