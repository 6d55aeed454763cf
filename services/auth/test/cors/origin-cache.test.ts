// The cache of "does any client register this origin": bounded, brief, one query per origin however many ask, and
// none at all for what is no origin. Behind it, Postgres answers from the GIN index.
import t from 'tap'
import { sql } from 'kysely'
import { webOriginCache } from '../../src/storage/web-origin-cache.js'
import { build } from '../helper.js'
import { createSpa, SPA_ORIGIN } from './support.js'

function countingLookup (registered: ReadonlySet<string>) {
  const lookup = Object.assign(async (origin: string) => { lookup.calls++; return registered.has(origin) }, { calls: 0 })
  return lookup
}

t.test('a flood of distinct unknown origins never grows the cache past its bound', async (t) => {
  const lookup = countingLookup(new Set([SPA_ORIGIN]))
  const cache = webOriginCache(lookup, { ttlMs: 60_000, maxEntries: 100 })
  t.equal(await cache.registers(SPA_ORIGIN), true)
  let allowed = 0
  for (let i = 0; i < 5_000; i++) if (await cache.registers(`https://flood-${i}.example`)) allowed++
  t.equal(allowed, 0)
  t.equal(cache.size, 100, 'at most the bound')
  t.equal(await cache.registers(SPA_ORIGIN), true, 'a known origin pushed out is asked about again, and still known')
  t.equal(lookup.calls, 5_002)
})

t.test('what is no origin is refused without a lookup or an entry', async (t) => {
  const lookup = countingLookup(new Set())
  const cache = webOriginCache(lookup, { ttlMs: 60_000 })
  for (const junk of ['null', '', 'https://spa.example/', 'https://spa.example:443', 'HTTPS://SPA.EXAMPLE', 'http://spa.example', 'x'.repeat(10_000)]) {
    t.equal(await cache.registers(junk), false, JSON.stringify(junk.slice(0, 30)))
  }
  t.equal(lookup.calls, 0)
  t.equal(cache.size, 0)
})

t.test('one query per origin per TTL, shared by concurrent preflights; forget drops every answer', async (t) => {
  const lookup = countingLookup(new Set([SPA_ORIGIN]))
  const cache = webOriginCache(lookup, { ttlMs: 60_000 })
  const answers = await Promise.all(Array.from({ length: 50 }, () => cache.registers(SPA_ORIGIN)))
  t.ok(answers.every((answer) => answer))
  t.equal(lookup.calls, 1)
  cache.forget()
  await cache.registers(SPA_ORIGIN)
  t.equal(lookup.calls, 2)

  const expiring = webOriginCache(lookup, { ttlMs: 0 })
  await expiring.registers(SPA_ORIGIN)
  await expiring.registers(SPA_ORIGIN)
  t.equal(lookup.calls, 4, 'asked again once the answer expires')
})

t.test('a failed lookup is not kept', async (t) => {
  let fail = true
  const cache = webOriginCache(async () => { if (fail) throw new Error('down'); return true }, { ttlMs: 60_000 })
  await t.rejects(cache.registers(SPA_ORIGIN))
  fail = false
  t.equal(await cache.registers(SPA_ORIGIN), true)
})

t.test('in Postgres: stored from the redirect URIs and found through the GIN index', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app, { redirect_uris: [`${SPA_ORIGIN}/cb`, `${SPA_ORIGIN}/other`, 'http://127.0.0.1:8080/cb', 'com.example.spa:/cb'] })
  const row = await app.db.selectFrom('clients').select('web_origins').where('id', '=', spa.client_id).executeTakeFirstOrThrow()
  t.same(row.web_origins, [SPA_ORIGIN, 'http://127.0.0.1:8080'])

  const plan = await app.db.transaction().execute(async (trx) => {
    // A table this small is read whole whatever the indexes: make the planner show whether the index can answer.
    await sql`set local enable_seqscan = off`.execute(trx)
    // The query pgClientStore.registersWebOrigin makes.
    return sql<{ 'QUERY PLAN': string }>`explain select id from clients where web_origins @> array[${SPA_ORIGIN}]::text[] limit 1`.execute(trx)
  })
  t.match(plan.rows.map((line) => line['QUERY PLAN']).join('\n'), /clients_web_origins/)
})
