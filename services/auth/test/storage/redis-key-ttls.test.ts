// Every key the stores write in Redis carries a TTL, whatever path wrote it (Lua scripts included).
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { Redis } from 'ioredis'
import { redisAuthorizationCodeStore } from '../../src/storage/redis/authorization-codes.js'
import { redisDeliveryQueue } from '../../src/storage/redis/delivery-queue.js'
import { redisFailureCounter } from '../../src/storage/redis/failure-counter.js'
import { redisKeys } from '../../src/storage/redis/keys.js'
import { redisKnownAddressStore } from '../../src/storage/redis/known-addresses.js'
import { redisPendingAuthorizationStore } from '../../src/storage/redis/pending-authorizations.js'
import { redisPushedRequestStore } from '../../src/storage/redis/pushed-requests.js'
import { redisRefreshTokenStore } from '../../src/storage/redis/refresh-tokens.js'
import { redisSessionStore } from '../../src/storage/redis/sessions.js'
import { redisUsedAssertionStore } from '../../src/storage/redis/used-assertions.js'
import { redisUserGrantIndex } from '../../src/storage/redis/user-grants.js'
import { redisWebAuthnChallengeStore } from '../../src/storage/redis/webauthn-challenges.js'
import { redisAccountTokenStore } from '../../src/storage/redis/account-tokens.js'
import { deleteKeys, REDIS_URL } from '../helper.js'

const codeRecord = { clientId: 'c', redirectUri: 'https://a.example/cb', redirectUriGiven: true, userId: 'u', username: 'ada', scopes: [] }
const refreshRecord = (grantId: string) => ({ grantId, clientId: 'c', userId: 'u', username: 'ada', scopes: [], issuedAt: 1, expiresAt: 2e9 })

t.test('every key the stores write carries a TTL', async (t) => {
  const prefix = `t_${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL)
  t.teardown(async () => {
    await deleteKeys(prefix)
    await redis.quit()
  })
  const keys = redisKeys(prefix)
  const codes = redisAuthorizationCodeStore(redis, keys)
  const refresh = redisRefreshTokenStore(redis, keys)
  await codes.save('c', codeRecord, 60)
  await codes.redeem('c', 'g')
  await refresh.issue('r1', refreshRecord('g'), 60)
  await refresh.rotate('r1', 'r2', refreshRecord('g'), 60)
  await refresh.addAccessToken('g', 'a', 60)
  await refresh.addAccessToken('h', 'b', 60)
  await refresh.issue('r3', refreshRecord('h'), 60)
  await refresh.revokeGrant('h', 60)
  await redisUserGrantIndex(redis, keys).add('u', { grantId: 'g', clientId: 'c', startedAt: 1 }, 60)
  const sessions = redisSessionStore(redis, keys)
  await sessions.create('s', { userId: 'u', username: 'ada', authTime: 1, sid: 'x' }, 60)
  await sessions.join('x', { clientId: 'c', grantId: 'g', offline: false }, 60)
  await sessions.touch('s', 2)
  await redisPushedRequestStore(redis, keys).save('p', { clientId: 'c', parameters: {} }, 60)
  await redisPendingAuthorizationStore(redis, keys).save('q', { browser: 'b', request: { clientId: 'c', redirectUri: 'https://app.example/cb', redirectUriGiven: false, mode: 'query', responseType: 'code', scopes: [] } }, 60)
  const failures = redisFailureCounter(redis, keys)
  await failures.reserve('f', 3, 60)
  await failures.reserve('f', 3, 60)
  await failures.forgive('f')
  await failures.forgive('gone')
  await redisKnownAddressStore(redis, keys).remember('ada', '203.0.113.5', 60)
  await redisUsedAssertionStore(redis, keys).use('c', 'j', 60)
  await redisWebAuthnChallengeStore(redis, keys).save('w', { ceremony: 'authentication', browser: 'b' }, 60)
  await redisAccountTokenStore(redis, keys).save('reset-password', 't', { userId: 'u' }, 60)
  const deliveries = redisDeliveryQueue(redis, keys)
  const delivery = (id: string) => ({ id, kind: 'webhook', url: 'https://rp.example/hook', contentType: 'text/plain', body: 'b' })
  await deliveries.enqueue(delivery('d1'), 60)
  await deliveries.enqueue(delivery('d2'), 60)
  const [first, second] = await deliveries.claim(2, 60_000)
  await deliveries.retry(first!, Date.now(), 'HTTP 500', 60)
  await deliveries.deadLetter(second!, 'HTTP 500', { ttlSeconds: 60, max: 10 })
  await deliveries.claim(1, 60_000)

  const written = await redis.keys(`${prefix}*`)
  t.same(written.map((key) => key.slice(prefix.length)).sort(), [
    'account-token:reset-password:t', 'assertion:c:j', 'code:c', 'delivery:dead', 'delivery:due', 'delivery:job:d1', 'fail:f', 'grant:g:tokens', 'grant:h:revoked', 'known:ada/203.0.113.5', 'par:p', 'pending:q', 'rt:r1', 'rt:r2', 'session:s',
    'sid:x', 'user:u:grants', 'user:u:sessions', 'webauthn:w'
  ])
  const ttls = await Promise.all(written.map((key) => redis.ttl(key)))
  t.same(written.filter((_key, i) => !(ttls[i]! > 0)), [], 'no key without a TTL')
})
