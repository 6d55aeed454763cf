// Each client's web origins beside its redirect URIs, so that "does any client register this origin", asked by every
// CORS preflight, is one lookup in a GIN index rather than a scan of every client's redirect URIs.
import { sql, type Kysely } from 'kysely'

// A column rather than a table of (origin, client): it is written in the same statement as the redirect URIs it comes
// from and goes with the client's row, so it cannot drift from them or outlive the client.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients')
    .addColumn('web_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
  await backfill(db)
  await db.schema.createIndex('clients_web_origins').on('clients').using('gin').column('web_origins').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('clients_web_origins').execute()
  await db.schema.alterTable('clients').dropColumn('web_origins').execute()
}

const PAGE = 1000
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]'])

// The rule as it stands today, copied so that the migration never changes: the origin of an https URI, or of an http
// one at a loopback address, that is in its normalised form (a malformed URI stored earlier is never answered at).
function webOriginOf (uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return undefined
  }
  if (url.href !== uri || uri.includes('#') || uri.includes('*') || url.username !== '' || url.password !== '' || url.port === '0') return undefined
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return url.origin
  return undefined
}

async function backfill (db: Kysely<any>): Promise<void> {
  let after = ''
  for (;;) {
    const rows: Array<{ id: string, redirect_uris: string[] }> = await db.selectFrom('clients').select(['id', 'redirect_uris'])
      .where('id', '>', after).orderBy('id').limit(PAGE).execute()
    if (rows.length === 0) return
    after = rows.at(-1)!.id
    const origins = rows
      .map(({ id, redirect_uris: uris }) => ({ id, origins: [...new Set(uris.map(webOriginOf).filter((origin) => origin !== undefined))] }))
      .filter(({ origins }) => origins.length > 0)
    if (origins.length === 0) continue
    await sql`
      update clients set web_origins = array(select jsonb_array_elements_text(given.origins))
      from jsonb_to_recordset(${JSON.stringify(origins)}::jsonb) as given(id text, origins jsonb)
      where clients.id = given.id
    `.execute(db)
  }
}
