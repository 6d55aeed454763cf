// Clients stored before private_key_jwt existed keep their secrets and methods; the database itself holds every
// client to one credential: a secret for the secret methods, keys (by value or by reference, not both) for private_key_jwt.
import t from 'tap'
import { databaseAt } from './support.js'

const BEFORE = '2026-12-05T10-00-client-web-origins'
const AFTER = '2026-12-05T12-00-client-key-authentication'

const row = (id: string, columns: Record<string, unknown>) => ({
  id, name: id, redirect_uris: [], grant_types: ['client_credentials'], response_types: [], scope: '', ...columns
})
const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] })

t.test('existing clients pass through, and only consistent ones can be stored after', async (t) => {
  const { db, migrator } = await databaseAt(t, BEFORE)
  await db.insertInto('clients').values([
    row('service', { secret_hash: 'h', token_endpoint_auth_method: 'client_secret_basic' }),
    row('spa', { secret_hash: null, token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] })
  ]).execute()
  t.notOk((await migrator.migrateTo(AFTER)).error)
  const stored = await db.selectFrom('clients').select(['id', 'secret_hash', 'jwks', 'jwks_uri', 'token_endpoint_auth_signing_alg']).orderBy('id').execute()
  t.same(stored, [
    { id: 'service', secret_hash: 'h', jwks: null, jwks_uri: null, token_endpoint_auth_signing_alg: null },
    { id: 'spa', secret_hash: null, jwks: null, jwks_uri: null, token_endpoint_auth_signing_alg: null }
  ])

  const key = { token_endpoint_auth_method: 'private_key_jwt' }
  await db.insertInto('clients').values(row('by-value', { ...key, secret_hash: null, jwks: JWKS })).execute()
  await db.insertInto('clients').values(row('by-reference', { ...key, secret_hash: null, jwks_uri: 'https://rp.example/jwks' })).execute()
  const refused: Array<[string, Record<string, unknown>]> = [
    ['a key client with a secret', { ...key, secret_hash: 'h', jwks: JWKS }],
    ['a key client without keys', { ...key, secret_hash: null }],
    ['a key client with both', { ...key, secret_hash: null, jwks: JWKS, jwks_uri: 'https://rp.example/jwks' }],
    ['a secret client with keys', { token_endpoint_auth_method: 'client_secret_basic', secret_hash: 'h', jwks: JWKS }],
    ['a secret client without a secret', { token_endpoint_auth_method: 'client_secret_post', secret_hash: null }]
  ]
  for (const [name, columns] of refused) {
    await t.rejects(db.insertInto('clients').values(row(name.replaceAll(' ', '-'), columns)).execute(), /check constraint/, name)
  }

  t.match((await migrator.migrateDown()).error, /check constraint/, 'undoing it is refused while key clients exist')
  await db.deleteFrom('clients').where('token_endpoint_auth_method', '=', 'private_key_jwt').execute()
  t.notOk((await migrator.migrateDown()).error, 'and done once there are none')
  t.notOk((await migrator.migrateToLatest()).error)
})
