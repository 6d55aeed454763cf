// The API registry: each API a token may be for, the scopes it defines (each scope names exactly one API), and the
// clients that may introspect its tokens, which replaces the clients' introspection_audiences.
import { sql, type Kysely } from 'kysely'

// The row that holds the identity service's own API's introspectors. Its identifier is the issuer, which is
// configuration: the row has none, and its scopes are built in.
const IDENTITY_API_ID = 'identity'

export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('apis')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('access_token_ttl', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('apis_identifier_or_identity', sql`identifier is not null or id = ${sql.lit(IDENTITY_API_ID)}`)
    .execute()
  await db.schema.createTable('api_scopes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('api_id', 'text', (c) => c.notNull().references('apis.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('api_scopes_api').on('api_scopes').column('api_id').execute()
  await db.schema.createTable('api_introspectors')
    .addColumn('api_id', 'text', (c) => c.notNull().references('apis.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('api_introspectors_pkey', ['api_id', 'client_id'])
    .execute()
  await db.schema.createIndex('api_introspectors_client').on('api_introspectors').column('client_id').execute()
  await db.insertInto('apis').values({ id: IDENTITY_API_ID, identifier: null, name: 'identity service' }).execute()

  // Each audience a client was allowed to introspect becomes an API of that identifier, named after it and without
  // scopes (an administrator gives it its scopes); its introspectors are the clients that were allowed it. An audience
  // that is the issuer is folded into the identity service's API when the service starts, which knows the issuer.
  await sql`
    insert into apis (id, identifier, name)
    select 'migrated-' || md5(audience), audience, audience
    from (select distinct unnest(introspection_audiences) as audience from clients) as audiences
  `.execute(db)
  await sql`
    insert into api_introspectors (api_id, client_id)
    select distinct 'migrated-' || md5(audience), id from clients, unnest(introspection_audiences) as audience
  `.execute(db)
  await db.schema.alterTable('clients').dropColumn('introspection_audiences').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .addColumn('introspection_audiences', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
  await sql`
    update clients set introspection_audiences = given.audiences
    from (
      select i.client_id, array_agg(a.identifier order by a.identifier) as audiences
      from api_introspectors i join apis a on a.id = i.api_id
      where a.identifier is not null
      group by i.client_id
    ) as given
    where clients.id = given.client_id
  `.execute(db)
  await db.schema.dropTable('api_introspectors').execute()
  await db.schema.dropTable('api_scopes').execute()
  await db.schema.dropTable('apis').execute()
}
