// A client registered before OpenID Connect metadata existed comes through the migration with its defaults.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { adminHeaders, isolatedConfig } from '../helper.js'
import { databaseAt } from './support.js'

const BEFORE = '2026-12-02T11-00-enforced-usernames'

t.test('an existing client gets RS256, no logout URIs and no session requirement, and can be given them', async (t) => {
  const { db, databaseUrl } = await databaseAt(t, BEFORE)
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
