import t from 'tap'
import { bearer, buildResource, startIdentity } from '../helper.js'
import { eventually, startOwnRedis, timed, unavailable } from '@keyhold/service-kit/testing'

t.test('Redis stops while serving: no cached answer is used until the revocation feed is back', async (t) => {
  // The Redis the identity service keeps tokens in and announces revocations on, and the resource service listens to.
  const redis = await startOwnRedis()
  t.teardown(() => redis.stop())
  const identity = await startIdentity(t, { REDIS_URL: redis.url })
  const resource = await buildResource(t, identity, { REDIS_URL: redis.url, INTROSPECTION_CACHE_MAX_AGE: '60' })
  const reader = await identity.client('ships:read')
  const get = (token: string) => timed(resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) }))

  const token = await identity.token(reader)
  t.equal((await get(token)).response.statusCode, 200)
  const cachedAt = identity.introspections
  t.equal((await get(token)).response.statusCode, 200)
  t.equal(identity.introspections, cachedAt, 'served from the cache while the feed is up')

  await redis.stop()
  t.ok(await eventually(async () => (await get(token)).response.statusCode !== 200, { withinMs: 2000, intervalMs: 100 }), 'the cache is dropped once the feed is lost')
  for (let i = 0; i < 3; i++) unavailable(t, await get(token), `a cached token, feed down (${i + 1})`)
  t.ok(identity.introspections > cachedAt, 'the identity service was asked instead of the cache')
  t.equal((await resource.inject('/health')).statusCode, 200, 'liveness stays up')

  await redis.start()
  let fresh = ''
  t.ok(await eventually(async () => {
    fresh = await identity.token(reader).catch(() => '')
    return fresh !== '' && (await get(fresh)).response.statusCode === 200
  }, { withinMs: 10_000, intervalMs: 100 }), 'a new token is served again without a restart')
  t.ok(await eventually(async () => {
    const before = identity.introspections
    await get(fresh)
    return identity.introspections === before
  }, { withinMs: 10_000, intervalMs: 100 }), 'and cached again once the feed is back')

  await identity.revoke(reader, fresh)
  t.ok(await eventually(async () => (await get(fresh)).response.statusCode === 401, { withinMs: 2000, intervalMs: 100 }), 'revocations reach the cache again')
})
