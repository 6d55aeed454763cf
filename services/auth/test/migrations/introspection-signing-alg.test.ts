// A client stored before JWT introspection answers existed has them signed RS256, RFC 9701's default.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { adminHeaders, isolatedConfig } from '../helper.js'
import { databaseAt } from './support.js'

const BEFORE = '2026-12-05T12-00-registration-access-tokens'

t.test('an existing client gets RS256 and can be given ES256', async (t) => {
  const { db, databaseUrl } = await databaseAt(t, BEFORE)
  await db.insertInto('clients').values({
    id: 'old-resource',
    name: 'old resource server',
    secret_hash: 'h',
    redirect_uris: [],
    grant_types: ['client_credentials'],
    response_types: [],
    scope: '',
    token_endpoint_auth_method: 'client_secret_basic'
  }).execute()

  const app = await buildApp(await isolatedConfig(t, { DATABASE_URL: databaseUrl }))
  t.teardown(() => app.close())
  const url = '/admin/clients/old-resource'
  t.equal((await app.inject({ url, headers: adminHeaders })).json().introspection_signed_response_alg, 'RS256')
  const replaced = await app.inject({
    method: 'PUT', url, headers: adminHeaders,
    payload: { client_name: 'old resource server', grant_types: ['client_credentials'], introspection_signed_response_alg: 'ES256' }
  })
  t.equal(replaced.json().introspection_signed_response_alg, 'ES256')
})
