import t from 'tap'
import { buildApp, loadConfig } from '../../src/index.js'
import { bearer, isolatedSchema, REDIS_URL, startIdentity } from '../helper.js'

const cerritos = { name: 'USS Cerritos', registry: 'NCC-75567', class: 'California', affiliation: 'Federation', category: 'support', crew: 150 }

t.test('tokens and data outlive a restart of both services', async (t) => {
  const identity = await startIdentity(t)
  const introspector = await identity.introspector()
  const schema = await isolatedSchema(t)
  // The same schema, prefix and credentials for the resource service before and after.
  const startResource = async (authUrl: string) => {
    const app = await buildApp(loadConfig({
      AUTH_URL: authUrl, ISSUER: identity.issuer, DATABASE_URL: schema.url, REDIS_URL, AUTH_REDIS_PREFIX: identity.redisPrefix, LOG_LEVEL: 'silent',
      RESOURCE_CLIENT_ID: introspector.client_id, RESOURCE_CLIENT_SECRET: introspector.client_secret!
    }))
    t.teardown(() => app.close())
    return app
  }
  const before = await startResource(identity.url)
  const client = await identity.client('ships:read ships:write')
  const kept = await identity.token(client)
  const revoked = await identity.token(client)
  await identity.revoke(client, revoked)
  const created = await before.inject({ method: 'POST', url: '/api/ships', headers: bearer(kept), payload: cerritos })
  t.equal(created.statusCode, 201)

  await before.close()
  await identity.app.close()

  const identityAgain = await identity.restarted()
  const url = await identityAgain.listen({ host: '127.0.0.1', port: 0 })
  const after = await startResource(url)
  const read = await after.inject({ method: 'GET', url: created.headers.location!, headers: bearer(kept) })
  t.equal(read.statusCode, 200, 'a token issued before the restart is still accepted')
  t.same(read.json(), created.json(), 'and the data written before it is there')
  const refused = await after.inject({ method: 'GET', url: '/api/ships', headers: bearer(revoked) })
  t.equal(refused.statusCode, 401, 'a token revoked before the restart stays refused')
  t.equal(refused.json().error, 'invalid_token')
})
