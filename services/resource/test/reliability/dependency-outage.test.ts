import t from 'tap'
import { bearer, buildResource, DATABASE_URL, isolatedSchema, startIdentity } from '../helper.js'
import { eventually, startTcpProxy, timed, unavailable } from '@keyhold/service-kit/testing'

const enterprise = { name: 'USS Enterprise', class: 'Galaxy', affiliation: 'Federation', category: 'explorer', crew: 1014 }

t.test('the identity service goes away and comes back', async (t) => {
  const identity = await startIdentity(t)
  // No cache: every request needs the identity service, as every token first seen during an outage does.
  const resource = await buildResource(t, identity, { INTROSPECTION_CACHE_MAX_AGE: '0' })
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const get = () => timed(resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) }))
  t.equal((await get()).response.statusCode, 200)

  const { port } = new URL(identity.url)
  await identity.app.close()
  for (let i = 0; i < 3; i++) unavailable(t, await get(), `identity service down (${i + 1})`)
  t.match((await resource.inject('/ready')).json(), { status: 'unavailable', checks: { postgres: 'up', identity: 'down' } })
  t.equal((await resource.inject('/health')).statusCode, 200, 'liveness stays up')

  const again = await identity.restarted()
  await again.listen({ host: '127.0.0.1', port: Number(port) })
  t.ok(await eventually(async () => (await get()).response.statusCode === 200, { withinMs: 10_000, intervalMs: 100 }), 'served again without a restart')
  t.equal((await resource.inject('/ready')).statusCode, 200)
})

t.test('Postgres becomes unreachable and comes back', async (t) => {
  const identity = await startIdentity(t)
  const database = new URL(DATABASE_URL)
  const proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) })
  t.teardown(() => proxy.close())
  const proxied = new URL((await isolatedSchema(t)).url)
  proxied.port = String(proxy.port)
  const resource = await buildResource(t, identity, { DATABASE_URL: proxied.toString() })
  const client = await identity.client('ships:read ships:write calls')
  const headers = bearer(await identity.token(client))
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    timed(resource.inject({ method, url, headers, ...(payload && { payload }) }))
  t.equal((await send('GET', '/api/ships')).response.statusCode, 200)

  await proxy.cut()
  const calls: Array<Parameters<typeof send>> = [
    ['GET', '/api/ships'], ['GET', '/api/ships/1'], ['POST', '/api/ships', enterprise], ['PUT', '/api/ships/1', enterprise],
    ['DELETE', '/api/ships/1'], ['GET', '/api/calls'], ['POST', '/api/calls', { number: '+15550100' }],
    ['GET', '/api/calls/00000000-0000-4000-8000-000000000000']
  ]
  for (const call of calls) unavailable(t, await send(...call), `${call[0]} ${call[1]}`)
  const ready = await resource.inject('/ready')
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { status: 'unavailable', checks: { postgres: 'down', identity: 'up' } })
  t.equal((await resource.inject('/health')).statusCode, 200, 'liveness stays up')
  t.equal((await send('GET', '/api/me')).response.statusCode, 200, 'what needs no database is still served')

  await proxy.restore()
  t.ok(await eventually(async () => (await resource.inject('/ready')).statusCode === 200, { withinMs: 10_000, intervalMs: 100 }), 'ready again without a restart')
  t.equal((await send('GET', '/api/ships')).response.statusCode, 200)
  t.equal((await send('POST', '/api/ships', enterprise)).response.statusCode, 201)
})
