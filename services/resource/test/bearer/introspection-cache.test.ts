import t from 'tap'
import { bearer, buildResource, cutRevocationFeed, eventually, startIdentity } from '../helper.js'

t.test('introspection answers are shared, cached, and dropped on revocation', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const cached = await buildResource(t, identity, { INTROSPECTION_CACHE_MAX_AGE: '60' })
  const uncached = await buildResource(t, identity, { INTROSPECTION_CACHE_MAX_AGE: '0' })
  const get = (app: typeof cached, token: string) => app.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })
  // Keys fetched up front, so that the requests below differ only in what they introspect.
  const warm = await identity.token(reader)
  await get(cached, warm)
  await get(uncached, warm)

  for (const [name, app, later] of [['cache on', cached, 0], ['cache off', uncached, 1]] as const) {
    t.test(`parallel requests with one new token introspect once (${name})`, async (t) => {
      const token = await identity.token(reader)
      const before = identity.introspections
      const responses = await Promise.all(Array.from({ length: 10 }, () => get(app, token)))
      t.same(responses.map((r) => r.statusCode), Array(10).fill(200))
      t.equal(identity.introspections - before, 1)
      t.equal((await get(app, token)).statusCode, 200)
      t.equal(identity.introspections - before, 1 + later, name === 'cache on' ? 'served from the cache' : 'asked again')
    })
  }

  t.test('a revoked token is evicted at once through the revocation channel', async (t) => {
    const token = await identity.token(reader)
    const bystander = await identity.token(reader)
    t.equal((await get(cached, token)).statusCode, 200)
    t.equal((await get(cached, bystander)).statusCode, 200)
    const before = identity.introspections
    t.equal((await get(cached, token)).statusCode, 200, 'cached')
    t.equal(identity.introspections, before, 'no introspection while cached')

    await identity.revoke(reader, token)
    t.ok(await eventually(async () => (await get(cached, token)).statusCode === 401), 'refused long before the cache entry would expire')
    const refused = await get(cached, token)
    t.equal(refused.json().error, 'invalid_token')
    const between = identity.introspections
    t.equal((await get(cached, bystander)).statusCode, 200)
    t.equal(identity.introspections, between, 'other entries stay cached')
  })

  t.test('cached answers are dropped when the revocation feed drops', async (t) => {
    const token = await identity.token(reader)
    t.equal((await get(cached, token)).statusCode, 200)
    const before = identity.introspections
    t.ok(await cutRevocationFeed(t, identity.redisPrefix), 'the subscriber connection is found and cut')
    t.ok(await eventually(async () => {
      await get(cached, token)
      return identity.introspections > before
    }), 'the token is introspected again')
  })
})
