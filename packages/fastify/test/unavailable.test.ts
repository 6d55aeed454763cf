// When the identity service gives no clear answer, no token is taken as valid: 503 with Retry-After, never 200 or 401.
import Fastify from 'fastify'
import t from 'tap'
import keyhold from '../src/index.js'
import { AUDIENCE, bearer, protectedApi, startIdentity } from './helper.js'
import { identityStandIn } from './stand-in.js'

t.test('the identity service failing to introspect: 503 temporarily_unavailable', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  for (const answer of [{ status: 500, body: { error: 'server_error' } }, { status: 200, body: { active: 'yes please' } }]) {
    const stand = await identityStandIn(t, identity, () => answer)
    const api = await protectedApi(t, identity, { url: stand.url, revocations: 'none' })
    const response = await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })
    t.equal(response.statusCode, 503)
    t.equal(response.headers['retry-after'], '5')
    t.same(response.json(), { error: 'temporarily_unavailable', error_description: 'the identity service cannot validate the access token right now' })
    t.ok(stand.received.some((request) => request.url === '/introspect'), 'the token passed the local check; introspection failed')
  }
})

t.test('the identity service out of reach: 503, and not ready', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const api = await protectedApi(t, identity, { revocations: 'none' })
  t.equal(await api.keyhold.reachable(), true)
  await identity.app.close()
  const response = await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })
  t.equal(response.statusCode, 503)
  t.equal(await api.keyhold.reachable(), false)
})

t.test('a discovery document naming another issuer is not trusted', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const api = await protectedApi(t, identity, { issuer: 'https://impostor.example', revocations: 'none' })
  t.equal((await api.inject({ method: 'GET', url: '/ships', headers: bearer(await identity.token(reader)) })).statusCode, 503)
})

t.test('a provider naming no token endpoint still validates tokens; only exchange is unavailable', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const discovery = (await identity.app.inject({ method: 'GET', url: '/.well-known/openid-configuration' })).json()
  delete discovery.token_endpoint
  const stand = await identityStandIn(t, identity, undefined, { '/.well-known/openid-configuration': discovery })
  const self = await identity.introspector()
  const api = Fastify({ logger: false })
  t.teardown(() => api.close())
  await api.register(keyhold, {
    issuer: identity.issuer,
    url: stand.url,
    audience: AUDIENCE,
    credentials: { clientId: self.client_id, clientSecret: self.client_secret! },
    revocations: 'none',
    cache: { maxAge: 0, size: 1 }
  })
  api.get('/log', { onRequest: api.keyhold.authenticate('ships:read') }, (request) => api.keyhold.exchange(request, { audience: 'https://logbook.example' }))
  await api.ready()

  const token = await identity.token(reader)
  const answer = await api.inject({ method: 'GET', url: '/log', headers: bearer(token) })
  t.ok(stand.received.some((request) => request.url === '/introspect'), 'the token was checked by introspection')
  t.equal(answer.statusCode, 503)
  t.equal(answer.headers['retry-after'], '5')
  t.notOk(stand.received.some((request) => request.url === '/token'), 'no token endpoint guessed at')
})
