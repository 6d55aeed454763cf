// Where revocations are heard: the identity service's Redis channel when REDIS_URL is set, its in-process
// announcements when it is not.
import t from 'tap'
import { bearer, buildResource, revocationChannel, startIdentity } from '../helper.js'

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
