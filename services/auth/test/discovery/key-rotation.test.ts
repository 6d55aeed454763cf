// Signing-key rotation across instances, without a restart: a new key is published at once, every instance signs with
// it once its activation delay has passed, tokens of the old key stay valid, and a schedule rotates exactly once.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { sql } from 'kysely'
import { buildApp } from '../../src/app.js'
import { adminHeaders, basic, clientCredentialsToken, createClient, decodeJwt, isolatedConfig, postForm } from '../helper.js'
import type { FastifyInstance } from 'fastify'

const published = async (app: FastifyInstance) =>
  ((await app.inject('/jwks.json')).json().keys as Array<{ kid: string, alg: string }>).filter((key) => key.alg === 'ES256').map((key) => key.kid).sort()

async function eventually (check: () => Promise<boolean>, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (await check()) return true
  return false
}

t.test('a key rotated on one instance signs on every instance after its activation delay', async (t) => {
  const config = await isolatedConfig(t, { SIGNING_KEY_ACTIVATION_DELAY: '2' })
  const [one, two] = await Promise.all([buildApp(config), buildApp(config)])
  t.teardown(() => Promise.all([one!.close(), two!.close()]))
  const client = await createClient(one!)
  const oldKid = one!.signing.kid
  t.equal(two!.signing.kid, oldKid, 'both start on the same key')
  const oldToken = await clientCredentialsToken(one!, client)

  const rotated = await one!.inject({ method: 'POST', url: '/admin/keys', headers: adminHeaders })
  t.equal(rotated.statusCode, 201)
  const newKid: string = rotated.json().kid
  t.match(rotated.json(), { signing: false }, 'not signing yet')
  t.same(await published(one!), [oldKid, newKid].sort(), 'published at once where it was made')
  t.ok(await eventually(async () => (await published(two!)).includes(newKid), 1500), 'and soon on the other instance')
  for (const app of [one!, two!]) t.equal(decodeJwt(await clientCredentialsToken(app, client)).header.kid, oldKid, 'the old key still signs')

  t.ok(await eventually(async () => decodeJwt(await clientCredentialsToken(one!, client)).header.kid === newKid), 'then the new key signs here')
  t.equal(decodeJwt(await clientCredentialsToken(two!, client)).header.kid, newKid, 'and there, with no restart')
  const listing = (await two!.inject({ url: '/admin/keys', headers: adminHeaders })).json().keys
  t.match(listing.find((key: { kid: string }) => key.kid === newKid), { signing: true, rotated_at: null })
  t.match(listing.find((key: { kid: string }) => key.kid === oldKid), { signing: false, rotated_at: String })
  t.ok((await published(two!)).includes(oldKid), 'the old key stays published while its tokens live')
  const introspection = await postForm(two!, '/introspect', { token: oldToken }, { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(introspection.json().active, true, 'its token is still good')
})

t.test('instances on a rotation schedule add one key between them when it is due', async (t) => {
  const base = await isolatedConfig(t)
  const first = await buildApp(base)
  const oldKid = first.signing.kid
  await sql`update signing_keys set created_at = now() - interval '2 hours'`.execute(first.db)
  await first.close()

  const config = { ...base, signingKeys: { ...base.signingKeys, rotationInterval: 3600 } }
  const apps = await Promise.all([buildApp(config), buildApp(config), buildApp(config)])
  t.teardown(() => Promise.all(apps.map((app) => app.close())))
  const es256 = async () => (await apps[0]!.db.selectFrom('signing_keys').select(['kid', 'rotated_at']).where('alg', '=', 'ES256').execute())
  t.ok(await eventually(async () => (await es256()).length > 1), 'a key is added')
  await sleep(300)
  const keys = await es256()
  t.equal(keys.length, 2, 'one, whichever instance added it')
  t.ok(keys.find((key) => key.kid === oldKid)?.rotated_at, 'the old key is marked rotated')
  t.equal(apps[2]!.signing.kid, oldKid, 'which signs until the new one is active')
  t.same((await apps[1]!.db.selectFrom('signing_keys').select('kid').where('alg', '=', 'RS256').execute()), [], 'no RS256 key is made for the schedule')
})

t.test('the schedule leaves a key younger than its interval alone', async (t) => {
  const base = await isolatedConfig(t)
  const app = await buildApp({ ...base, signingKeys: { ...base.signingKeys, rotationInterval: 3600 } })
  t.teardown(() => app.close())
  await sleep(300)
  t.equal((await app.db.selectFrom('signing_keys').select('kid').execute()).length, 1)
})
