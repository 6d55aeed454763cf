// What each client holds, as a Redis sorted set scored by expiry, plus a marker once the client is deleted.
import type { Redis } from 'ioredis'
import { accessTokenMember, grantMember, toHoldings } from '../client-holdings.js'
import type { ClientTokenIndex } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_CLIENT, bindScript, CLOSE_CLIENT } from './scripts.js'

const nowSeconds = (): number => Math.floor(Date.now() / 1000)

export function redisClientTokenIndex (redis: Redis, keys: RedisKeys): ClientTokenIndex {
  const addToClient = bindScript(redis, ADD_TO_CLIENT)
  const closeClient = bindScript(redis, CLOSE_CLIENT)
  const clientKeys = (clientId: string) => [keys.clientTokens(clientId), keys.clientClosed(clientId)]
  const add = async (clientId: string, member: string, ttlSeconds: number): Promise<boolean> => {
    const now = nowSeconds()
    return await addToClient(...clientKeys(clientId), member, now + ttlSeconds, now, ttlSeconds) === 1
  }

  return {
    addGrant: (clientId, grantId, ttlSeconds) => add(clientId, grantMember(grantId), ttlSeconds),
    addAccessToken: (clientId, tokenHash, ttlSeconds) => add(clientId, accessTokenMember(tokenHash), ttlSeconds),
    async close (clientId, ttlSeconds) {
      return toHoldings(await closeClient(...clientKeys(clientId), ttlSeconds, nowSeconds()) as string[])
    }
  }
}
