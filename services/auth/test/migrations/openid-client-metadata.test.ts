// A client registered before OpenID Connect metadata existed comes through the migration with its defaults.
import t from 'tap'
import { Kysely, Migrator, PostgresDialect } from 'kysely'
import pg from 'pg'
import { isolated } from '@keyhold/service-kit/testing'
import { buildApp } from '../../src/app.js'
import { migrationProvider } from '../../src/migrations/index.js'
import { adminHeaders, isolatedConfig } from '../helper.js'

const BEFORE = '2026-12-02T11-00-enforced-usernames'

t.test('an existing client gets RS256, no logout URIs and no session requirement, and can be given them', async (t) => {
  const { databaseUrl, name } = await isolated(t)
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }) })
  const { error } = await new Migrator({ db, provider: migrationProvider, migrationTableSchema: name }).migrateTo(BEFORE)
  if (error) throw error
  await db.insertInto('clients').values({
    id: 'old-web-client',
    name: 'old web app',
    secret_hash: 'h',
    redirect_uris: ['https://app.example/cb'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: 'ships:read',
    token_endpoint_auth_method: 'client_secret_basic'
  }).execute()
  await db.destroy()

  // The service brings the schema up to date as it starts.
  const app = await buildApp(await isolatedConfig(t, { DATABASE_URL: databaseUrl }))
  t.teardown(() => app.close())
  const url = '/admin/clients/old-web-client'
  const read = await app.inject({ url, headers: adminHeaders })
  t.equal(read.statusCode, 200)
  t.match(read.json(), {
    client_name: 'old web app',
    redirect_uris: ['https://app.example/cb'],
    id_token_signed_response_alg: 'RS256',
    post_logout_redirect_uris: [],
    backchannel_logout_session_required: false
  })
  t.notOk('backchannel_logout_uri' in read.json())

  const openid = { post_logout_redirect_uris: ['https://app.example/'], backchannel_logout_uri: 'https://app.example/backchannel-logout' }
  const replaced = await app.inject({
    method: 'PUT', url, headers: adminHeaders,
    payload: { client_name: 'old web app', grant_types: ['authorization_code'], redirect_uris: ['https://app.example/cb'], ...openid }
  })
  t.equal(replaced.statusCode, 200)
  t.match(replaced.json(), openid)
})
