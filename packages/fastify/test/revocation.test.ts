// A revocation evicts the cached introspection answer at once, whichever way it is heard: the identity service's
// Redis channel, or its event stream (with or without Redis behind it). Without either, the cache lifetime is the bound.
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { startTcpProxy } from '@keyhold/service-kit/testing'
import type { KeyholdOptions } from '../src/index.js'
import { bearer, eventually, protectedApi, REDIS_URL, startIdentity, type Identity } from './helper.js'

const LONG_CACHE = { cache: { maxAge: 300 } }

/** Whether a second request with `token` is answered without asking the identity service. */
async function servedFromCache (t: Test, identity: Identity, api: FastifyInstance, token: string): Promise<boolean> {
  t.equal((await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })).statusCode, 200)
  const before = identity.introspections
  t.equal((await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })).statusCode, 200)
  return identity.introspections === before
}

const modes: Array<[string, Record<string, string>, (identity: Identity) => Partial<KeyholdOptions>]> = [
  ["the identity service's Redis channel", {}, (identity) => ({ revocations: { redis: { url: REDIS_URL, prefix: identity.redisPrefix } } })],
  ['the event stream, the identity service on Redis', {}, () => ({ revocations: 'events' })],
  ['the event stream, the identity service without Redis', { REDIS_URL: '' }, () => ({ revocations: 'events' })]
]

for (const [mode, env, options] of modes) {
  t.test(`heard on ${mode}, a revocation ends the cached token at once`, async (t) => {
    const identity = await startIdentity(t, env)
    const api = await protectedApi(t, identity, { ...options(identity), ...LONG_CACHE })
    const reader = await identity.client('ships:read')
    const token = await identity.token(reader)
    // The feed may still be connecting: answers are cached only once it is live.
    t.ok(await eventually(() => servedFromCache(t, identity, api, token), { withinMs: 10_000, intervalMs: 50 }), 'cached')

    await identity.revoke(reader, token)
    t.ok(await eventually(async () => (await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })).statusCode === 401,
      { withinMs: 5000 }), 'refused once the notice arrives')
    const refused = await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })
    t.same(refused.json(), { error: 'invalid_token', error_description: 'the access token is not active' })
  })
}

t.test('a cached answer from before the event stream was lost is not used after it comes back', async (t) => {
  const identity = await startIdentity(t)
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(identity.url).port) })
  t.teardown(() => proxy.close())
  const api = await protectedApi(t, identity, {
    url: `http://127.0.0.1:${proxy.port}`, revocations: { events: { maxReconnectDelayMs: 100 } }, ...LONG_CACHE
  })
  const reader = await identity.client('ships:read')
  const cachedBefore = await identity.token(reader)
  t.ok(await eventually(() => servedFromCache(t, identity, api, cachedBefore), { withinMs: 10_000, intervalMs: 50 }))

  await proxy.cut()
  const outage = await api.inject({ method: 'GET', url: '/ships', headers: bearer(await identity.token(reader)) })
  t.equal(outage.statusCode, 503, 'while the identity service is out of reach, an uncached token is not taken as valid')
  await proxy.restore()

  const probe = await identity.token(reader)
  t.ok(await eventually(() => servedFromCache(t, identity, api, probe), { withinMs: 10_000, intervalMs: 50 }), 'the stream is back')
  const before = identity.introspections
  t.equal((await api.inject({ method: 'GET', url: '/ships', headers: bearer(cachedBefore) })).statusCode, 200)
  t.equal(identity.introspections, before + 1, 'the answer cached before the gap was dropped')
})

t.test('with no feed, cached answers live out their short lifetime: the bound on a missed revocation', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')

  const cached = await protectedApi(t, identity, { revocations: 'none', ...LONG_CACHE })
  const token = await identity.token(reader)
  t.ok(await servedFromCache(t, identity, cached, token), 'cached without any feed')
  await identity.revoke(reader, token)
  t.equal((await cached.inject({ method: 'GET', url: '/ships', headers: bearer(token) })).statusCode, 200,
    'the revocation is not heard: the token stays accepted until its entry expires')

  const uncached = await protectedApi(t, identity, { revocations: 'none', cache: { maxAge: 0 } })
  const other = await identity.token(reader)
  t.notOk(await servedFromCache(t, identity, uncached, other), 'with no cache every request is introspected')
  await identity.revoke(reader, other)
  t.equal((await uncached.inject({ method: 'GET', url: '/ships', headers: bearer(other) })).statusCode, 401)
})
