import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { signUp } from '../browser.js'
import { basic, clientCredentialsToken, createClient, DATABASE_URL, isolatedConfig, postForm } from '../helper.js'
import { eventually, startOwnRedis, startTcpProxy, timed, unavailable } from '@keyhold/service-kit/testing'

const eventuallyReady = (app: FastifyInstance): Promise<boolean> =>
  eventually(async () => (await app.inject('/ready')).statusCode === 200, { withinMs: 15_000, intervalMs: 250 })

t.test('Redis goes away and comes back', async (t) => {
  const redis = await startOwnRedis()
  t.teardown(() => redis.stop())
  const app = await buildApp(await isolatedConfig(t, { REDIS_URL: redis.url }))
  t.teardown(() => app.close())
  const client = await createClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const token = await clientCredentialsToken(app, client)

  await redis.stop()
  unavailable(t, await timed(postForm(app, '/token', { grant_type: 'client_credentials' }, auth)), 'token')
  unavailable(t, await timed(postForm(app, '/introspect', { token }, auth)), 'introspect')
  unavailable(t, await timed(postForm(app, '/revoke', { token }, auth)), 'revoke')
  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { status: 'unavailable', checks: { postgres: 'up', redis: 'down' } })
  t.equal((await app.inject('/health')).statusCode, 200, 'liveness stays up')

  await redis.start()
  t.ok(await eventuallyReady(app), 'ready again without a restart')
  t.ok(await clientCredentialsToken(app, client), 'tokens are issued again')
})

t.test('Postgres goes away and comes back', async (t) => {
  const database = new URL(DATABASE_URL)
  const proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) })
  t.teardown(() => proxy.close())
  const config = await isolatedConfig(t)
  const proxied = new URL(config.databaseUrl)
  proxied.port = String(proxy.port)
  const app = await buildApp({ ...config, databaseUrl: proxied.toString() })
  t.teardown(() => app.close())
  const client = await createClient(app)

  await proxy.cut()
  const stranger = { authorization: basic('never-seen-client', 'secret') }
  unavailable(t, await timed(postForm(app, '/token', { grant_type: 'client_credentials' }, stranger)), 'token needing a client lookup')
  const listing = await timed(app.inject({ url: '/admin/clients', headers: { authorization: `Bearer ${config.adminToken}` } }))
  t.equal(listing.response.statusCode, 503, 'the admin API too')
  t.match((await app.inject('/ready')).json(), { status: 'unavailable', checks: { postgres: 'down', redis: 'up' } })
  t.equal((await app.inject('/health')).statusCode, 200)

  await proxy.restore()
  t.ok(await eventuallyReady(app), 'ready again without a restart')
  t.ok(await clientCredentialsToken(app, client), 'tokens are issued again')
})

t.test('a sign-in that meets a Postgres outage counts against no one', async (t) => {
  const database = new URL(DATABASE_URL)
  const proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) })
  t.teardown(() => proxy.close())
  const config = await isolatedConfig(t, { LOGIN_MAX_FAILURES: '1', LOGIN_MAX_FAILURES_PER_ADDRESS: '1' })
  const proxied = new URL(config.databaseUrl)
  proxied.port = String(proxy.port)
  const app = await buildApp({ ...config, databaseUrl: proxied.toString() })
  t.teardown(() => app.close())
  const client = await createClient(app, { grant_types: ['password'], scope: 'ships:read' })
  const user = await signUp(app)
  const passwordGrant = () => postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal((await passwordGrant()).statusCode, 200, 'the client is now in the in-process cache')

  await proxy.cut()
  unavailable(t, await timed(passwordGrant()), 'the account cannot be read')
  await proxy.restore()
  t.ok(await eventuallyReady(app))
  t.equal((await passwordGrant()).statusCode, 200, 'the attempt the outage interrupted was given back: the limit of one is not reached')
})
