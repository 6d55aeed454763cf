import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { bearer, buildResource, standIn, startIdentity } from '../helper.js'

const unavailable = (t: Test, response: { statusCode: number, headers: Record<string, unknown>, json (): unknown }) => {
  t.equal(response.statusCode, 503)
  t.equal(response.headers['retry-after'], '5')
  t.match(response.json(), { error: 'temporarily_unavailable', error_description: String })
}

async function closedPort (): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

t.test('when the identity service cannot answer, tokens are never taken as valid', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const jwks = (await identity.app.inject({ method: 'GET', url: '/jwks.json' })).body

  t.test('unreachable before its keys were ever fetched: 503', async (t) => {
    const resource = await buildResource(t, identity, { AUTH_URL: await closedPort() })
    unavailable(t, await resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) }))
    t.equal((await resource.inject({ method: 'GET', url: '/health' })).statusCode, 200)
    const ready = await resource.inject({ method: 'GET', url: '/ready' })
    t.equal(ready.statusCode, 503)
    t.same(ready.json(), { status: 'unavailable', checks: { postgres: 'up', identity: 'down' } })
  })

  t.test('introspection answering 5xx: 503', async (t) => {
    const asked: Array<string | undefined> = []
    const failing = await standIn(t, identity.issuer, (request, response) => {
      asked.push(request.url)
      if (request.url === '/jwks.json') return response.writeHead(200, { 'content-type': 'application/json' }).end(jwks)
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"server_error"}')
    })
    const resource = await buildResource(t, identity, { AUTH_URL: failing })
    unavailable(t, await resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) }))
    t.same(asked, ['/jwks.json', '/introspect'], 'the token passed the local check and introspection failed')
  })

  t.test('introspection answering nonsense: 503', async (t) => {
    const asked: Array<string | undefined> = []
    const confused = await standIn(t, identity.issuer, (request, response) => {
      asked.push(request.url)
      const body = request.url === '/jwks.json' ? jwks : '{"active":"yes please"}'
      response.writeHead(200, { 'content-type': 'application/json' }).end(body)
    })
    const resource = await buildResource(t, identity, { AUTH_URL: confused })
    unavailable(t, await resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) }))
    t.same(asked, ['/jwks.json', '/introspect'], 'the token passed the local check and introspection answered nonsense')
  })

  t.test('the identity service refusing our own credentials: 503, not 401', async (t) => {
    const resource = await buildResource(t, identity, { RESOURCE_CLIENT_SECRET: 'not-the-secret' })
    unavailable(t, await resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) }))
  })

  t.test('ready while both answer', async (t) => {
    const resource = await buildResource(t, identity)
    const ready = await resource.inject({ method: 'GET', url: '/ready' })
    t.equal(ready.statusCode, 200)
    t.same(ready.json(), { status: 'ready', checks: { postgres: 'up', identity: 'up' } })
  })

  t.test('the identity service going away after its keys were fetched: 503', async (t) => {
    const resource = await buildResource(t, identity)
    t.equal((await resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })).statusCode, 200)
    const fresh = await identity.token(reader)
    await identity.app.close()
    unavailable(t, await resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(fresh) }))
    t.equal((await resource.inject({ method: 'GET', url: '/ready' })).statusCode, 503)
  })
})
