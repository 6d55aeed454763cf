// Where revocations are heard: the identity service's Redis channel when REDIS_URL is set, its in-process
// announcements when it is not and they are handed in, its event stream otherwise.
import t from 'tap'
import { bearer, buildResource, eventually, revocationChannel, startIdentity } from '../helper.js'

t.test('without REDIS_URL a revocation announced within the process ends the cached token at once', async (t) => {
  const revocations = await revocationChannel()
  const identity = await startIdentity(t, { REDIS_URL: '' }, revocations)
  const resource = await buildResource(t, identity, { REDIS_URL: '', INTROSPECTION_CACHE_MAX_AGE: '60' }, { revocations })
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const get = () => resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })

  t.equal((await get()).statusCode, 200)
  const cachedAt = identity.introspections
  t.equal((await get()).statusCode, 200)
  t.equal(identity.introspections, cachedAt, 'served from the cache: the in-process feed is live')

  await identity.revoke(reader, token)
  const refused = await get()
  t.equal(refused.statusCode, 401)
  t.equal(refused.json().error, 'invalid_token')
})

t.test("without REDIS_URL or an in-process source, the identity service's event stream ends the cached token", async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity, { REDIS_URL: '', INTROSPECTION_CACHE_MAX_AGE: '60' })
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const get = () => resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })
  const servedFromCache = async () => {
    t.equal((await get()).statusCode, 200)
    const before = identity.introspections
    t.equal((await get()).statusCode, 200)
    return identity.introspections === before
  }

  t.ok(await eventually(servedFromCache, { withinMs: 10_000, intervalMs: 50 }), 'cached once the stream is ready')
  await identity.revoke(reader, token)
  t.ok(await eventually(async () => (await get()).statusCode === 401, { withinMs: 5000 }), 'refused once the notice arrives')
})
