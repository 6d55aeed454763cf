// Every store contract suite, run against the Redis stores, each test under its own key prefix.
import t from 'tap'
import type { Test } from 'tap'
import { Redis } from 'ioredis'
import { randomBytes } from 'node:crypto'
import { redisAccessTokenStore } from '../../src/storage/redis/access-tokens.js'
import { redisFailureCounter } from '../../src/storage/redis/failure-counter.js'
import { redisKeys, type RedisKeys } from '../../src/storage/redis/keys.js'
import { deleteKeys, REDIS_URL } from '../helper.js'
import { accessTokenStoreContract } from './contract/access-tokens.js'
import { failureCounterContract } from './contract/failure-counter.js'
import { nextFrom } from './contract/support.js'

async function connect (t: Test): Promise<{ redis: Redis, keys: RedisKeys }> {
  const prefix = `t_${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL)
  t.teardown(async () => {
    await deleteKeys(prefix)
    await redis.quit()
  })
  return { redis, keys: redisKeys(prefix) }
}

t.test('access tokens', (t) => accessTokenStoreContract(t, async (t) => {
  const { redis, keys } = await connect(t)
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
t.test('failure counter', (t) => failureCounterContract(t, async (t) => {
  const { redis, keys } = await connect(t)
  return redisFailureCounter(redis, keys)
}))
