// Announcements missed while the revocation feed was down cannot leave a cached answer in use: the cache is emptied as the feed comes back.
import t from 'tap'
import { bearer, buildResource, cutRevocationFeed, eventually, startIdentity } from '../helper.js'

t.test('a cached answer from before a revocation-feed gap is not used after it', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const resource = await buildResource(t, identity, { INTROSPECTION_CACHE_MAX_AGE: '300' })
  const get = (token: string) => resource.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })
  const servedFromCache = async (token: string) => {
    t.equal((await get(token)).statusCode, 200)
    const before = identity.introspections
    t.equal((await get(token)).statusCode, 200)
    return identity.introspections === before
  }

  const cachedBefore = await identity.token(reader)
  t.ok(await servedFromCache(cachedBefore), 'cached while the feed is up')

  t.ok(await cutRevocationFeed(t, identity.redisPrefix), 'the subscriber connection is found and cut')

  // Back once a new token is cached again; only the feed coming back makes that possible.
  const probe = await identity.token(reader)
  t.ok(await eventually(() => servedFromCache(probe), { withinMs: 10_000, intervalMs: 50 }), 'the feed is back')

  const before = identity.introspections
  t.equal((await get(cachedBefore)).statusCode, 200)
  t.equal(identity.introspections, before + 1, 'the answer cached before the gap was dropped, so the token is introspected again')
})
