// Every store contract suite, run against the Redis stores, each test under its own key prefix.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import type { Test } from 'tap'
import { Redis } from 'ioredis'
import { redisAccessTokenStore } from '../../src/storage/redis/access-tokens.js'
import { redisAuthorizationCodeStore } from '../../src/storage/redis/authorization-codes.js'
import { redisClientGrantIndex } from '../../src/storage/redis/client-grants.js'
import { redisDeliveryQueue } from '../../src/storage/redis/delivery-queue.js'
import { redisFailureCounter } from '../../src/storage/redis/failure-counter.js'
import { redisKeys, type RedisKeys } from '../../src/storage/redis/keys.js'
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
import { accessTokenStoreContract } from './contract/access-tokens.js'
import { authorizationCodeStoreContract } from './contract/authorization-codes.js'
import { clientGrantIndexContract } from './contract/client-grants.js'
import { deliveryQueueContract } from './contract/delivery-queue.js'
import { failureCounterContract } from './contract/failure-counter.js'
import { knownAddressStoreContract } from './contract/known-addresses.js'
import { pendingAuthorizationStoreContract } from './contract/pending-authorizations.js'
import { pushedRequestStoreContract } from './contract/pushed-requests.js'
import { refreshTokenStoreContract } from './contract/refresh-tokens.js'
import { sessionStoreContract } from './contract/sessions.js'
import { nextFrom } from './contract/support.js'
import { usedAssertionStoreContract } from './contract/used-assertions.js'
import { userGrantIndexContract } from './contract/user-grants.js'
import { webauthnChallengeStoreContract } from './contract/webauthn-challenges.js'
import { accountTokenStoreContract } from './contract/account-tokens.js'

/** A store factory over a fresh key prefix, its keys deleted when the test ends. */
const over = <S>(store: (redis: Redis, keys: RedisKeys, prefix: string) => S) => async (t: Test): Promise<S> => {
  const prefix = `t_${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL)
  t.teardown(async () => {
    await deleteKeys(prefix)
    await redis.quit()
  })
  return store(redis, redisKeys(prefix), prefix)
}

/** The keys under `prefix` that have no TTL. */
async function keysWithoutTtl (redis: Redis, prefix: string): Promise<string[]> {
  const keys = await redis.keys(`${prefix}*`)
  const ttls = await Promise.all(keys.map((key) => redis.ttl(key)))
  return keys.filter((_key, i) => !(ttls[i]! > 0)).map((key) => key.slice(prefix.length))
}

t.test('access tokens', (t) => accessTokenStoreContract(t, async (t) => {
  const { redis, keys } = await over((redis, keys) => ({ redis, keys }))(t)
  const subscriber = new Redis(REDIS_URL)
  t.teardown(() => subscriber.quit())
  await subscriber.subscribe(keys.revocations)
  const nextRevocation = nextFrom<string>((listener) => {
    const onMessage = (_channel: string, jti: string) => { listener(jti) }
    subscriber.on('message', onMessage)
    return () => subscriber.off('message', onMessage)
  }, t)
  return { store: redisAccessTokenStore(redis, keys), nextRevocation }
}))
t.test('an access-token record saved before records named their grant is read as one without a grant', async (t) => {
  const { redis, keys } = await over((redis, keys) => ({ redis, keys }))(t)
  const claims = { iss: 'http://127.0.0.1:4000', sub: 'u', aud: 'http://127.0.0.1:4001', client_id: 'c', scope: 's', jti: 'j', iat: 1, exp: 2 }
  await redis.set(keys.accessToken('old'), JSON.stringify(claims), 'EX', 60)
  t.same(await redisAccessTokenStore(redis, keys).find('old'), { claims })
})
t.test('failure counter', (t) => failureCounterContract(t, over(redisFailureCounter)))
t.test('known addresses', (t) => knownAddressStoreContract(t, over(redisKnownAddressStore)))
t.test('used assertions', (t) => usedAssertionStoreContract(t, over(redisUsedAssertionStore)))
t.test('authorization codes', (t) => authorizationCodeStoreContract(t, over(redisAuthorizationCodeStore)))
t.test('refresh tokens', (t) => refreshTokenStoreContract(t, over(redisRefreshTokenStore)))
t.test('user grants', (t) => userGrantIndexContract(t, over(redisUserGrantIndex)))
t.test('client grants', (t) => clientGrantIndexContract(t, over((redis, keys, prefix) => ({
  index: redisClientGrantIndex(redis, keys),
  keysWithoutTtl: () => keysWithoutTtl(redis, prefix)
}))))
t.test('sessions', (t) => sessionStoreContract(t, over(redisSessionStore)))
t.test('WebAuthn challenges', (t) => webauthnChallengeStoreContract(t, over(redisWebAuthnChallengeStore)))
t.test('account tokens', (t) => accountTokenStoreContract(t, over(redisAccountTokenStore)))
t.test('pushed requests', (t) => pushedRequestStoreContract(t, over(redisPushedRequestStore)))
t.test('pending authorizations', (t) => pendingAuthorizationStoreContract(t, over(redisPendingAuthorizationStore)))
t.test('delivery queue', (t) => deliveryQueueContract(t, over((redis, keys, prefix) => ({
  queue: redisDeliveryQueue(redis, keys),
  keysWithoutTtl: () => keysWithoutTtl(redis, prefix)
}))))
