// A client stored before registration access tokens existed has none: the admin API manages it, /register/:id never.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { adminHeaders, isolatedConfig } from '../helper.js'
import { databaseAt } from './support.js'

const BEFORE = '2026-12-05T10-00-client-web-origins'

t.test('an existing client gets no registration access token and stays the administrator\'s', async (t) => {
  const { db, databaseUrl } = await databaseAt(t, BEFORE)
  await db.insertInto('clients').values({
    id: 'old-client',
    name: 'old app',
    secret_hash: 'h',
    redirect_uris: [],
    grant_types: ['client_credentials'],
    response_types: [],
    scope: 'ships:read',
    token_endpoint_auth_method: 'client_secret_basic'
  }).execute()

  const app = await buildApp(await isolatedConfig(t, { DATABASE_URL: databaseUrl, DYNAMIC_REGISTRATION: 'true' }))
  t.teardown(() => app.close())
  const row = await db.selectFrom('clients').select('registration_access_token_hash').where('id', '=', 'old-client').executeTakeFirstOrThrow()
  t.equal(row.registration_access_token_hash, null)
  t.equal((await app.inject({ url: '/register/old-client', headers: { authorization: 'Bearer anything' } })).statusCode, 401)
  t.equal((await app.inject({ url: '/admin/clients/old-client', headers: adminHeaders })).statusCode, 200)
})
