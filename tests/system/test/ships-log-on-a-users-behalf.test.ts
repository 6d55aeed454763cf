// Two APIs and one user: the user's token for the ships API is refused by the logbook API; the resource service
// exchanges it (RFC 8693) for a logbook token and reads the ship's log for the user; the logbook sees who acts for
// whom; revoking the user's grant ends the exchanged token too.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import * as logbookService from '@keyhold/logbook'
import { freePort, TEST_REDIS_URL } from '@keyhold/service-kit/testing'
import { AUDIENCE, bearer, postForm, signUp, startSystem } from './system.js'

const LOGBOOK = 'https://logbook.keyhold.test'

t.test('a ship’s log, read by the resource service on the user’s behalf', async (t) => {
  const system = await startSystem(t)
  const logbookApi = await system.registerApi({
    identifier: LOGBOOK, name: 'Ships’ logs', scopes: [{ name: 'logbook:read', description: 'Read ships’ logs' }]
  })
  const logbookClient = await system.register({ client_name: 'logbook service' })
  await system.allowIntrospection(logbookApi.id, logbookClient.client_id)
  const logbookPort = await freePort()
  const logbook: FastifyInstance = await logbookService.buildApp(logbookService.loadConfig({
    ISSUER: system.auth, AUDIENCE: LOGBOOK, LOGBOOK_CLIENT_ID: logbookClient.client_id, LOGBOOK_CLIENT_SECRET: logbookClient.client_secret!,
    REDIS_URL: TEST_REDIS_URL, AUTH_REDIS_PREFIX: system.redisPrefix, LOG_LEVEL: 'silent'
  }))
  t.teardown(() => logbook.close())
  const logbookUrl = await logbook.listen({ host: '127.0.0.1', port: logbookPort })

  const resource = await system.startExchangingResource({ LOGBOOK_URL: logbookUrl, LOGBOOK_AUDIENCE: LOGBOOK })
  await system.admin('POST', '/exchange-policies', {
    client_id: resource.client.client_id, source_api: AUDIENCE, source_scope: 'ships:read', target_api: LOGBOOK, target_scope: 'logbook:read'
  }, 201)

  const app = await system.register({ client_name: 'Fleet app', grant_types: ['password', 'refresh_token'], scope: 'ships:read', first_party: true })
  const user = await signUp(system)
  const granted = await (await postForm(`${system.auth}/token`, app, { grant_type: 'password', username: user.username, password: user.password, scope: 'ships:read' })).json() as { access_token: string, refresh_token: string }

  const direct = await fetch(`${logbookUrl}/api/entries?ship=NCC-1701-D`, { headers: bearer(granted.access_token) })
  t.equal(direct.status, 401, 'the user’s token for the ships API is refused by the logbook')
  t.match(direct.headers.get('www-authenticate'), /error="invalid_token"/)

  const log = await fetch(`${resource.url}/api/ships/1/log`, { headers: bearer(granted.access_token) })
  t.equal(log.status, 200)
  const page = await log.json() as { ship: string, entries: unknown[], read_by: unknown }
  t.equal(page.ship, 'NCC-1701-D')
  t.ok(page.entries.length > 0)
  t.same(page.read_by, {
    subject: user.id,
    client_id: resource.client.client_id,
    act: { sub: resource.client.client_id, client_id: resource.client.client_id }
  }, 'the logbook sees the user, and the resource service acting for them')

  // The exchanged token is in the user's grant: revoking the refresh token ends it, and the ships API's token too.
  const revoked = await postForm(`${system.auth}/revoke`, app, { token: granted.refresh_token })
  t.equal(revoked.status, 200)
  const after = await fetch(`${resource.url}/api/ships/1/log`, { headers: bearer(granted.access_token) })
  t.equal(after.status, 401, 'a revoked grant reads no log')
})
