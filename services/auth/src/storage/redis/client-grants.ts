// The grants of each client, as a Redis sorted set scored by expiry, plus a marker once the client is deleted.
import type { Redis } from 'ioredis'
import type { ClientGrantIndex } from '../types.js'
import type { RedisKeys } from './keys.js'
import { ADD_TO_CLIENT, bindScript, CLOSE_CLIENT } from './scripts.js'

// Members carry a prefix, so that other kinds of holding could share the set.
const GRANT = 'grant:'

const nowSeconds = (): number => Math.floor(Date.now() / 1000)

export function redisClientGrantIndex (redis: Redis, keys: RedisKeys): ClientGrantIndex {
  const addToClient = bindScript(redis, ADD_TO_CLIENT)
  const closeClient = bindScript(redis, CLOSE_CLIENT)
  const clientKeys = (clientId: string) => [keys.clientGrants(clientId), keys.clientClosed(clientId)]

  return {
    async add (clientId, grantId, ttlSeconds) {
      const now = nowSeconds()
      return await addToClient(...clientKeys(clientId), GRANT + grantId, now + ttlSeconds, now, ttlSeconds) === 1
    },
    async close (clientId, ttlSeconds) {
      const members = await closeClient(...clientKeys(clientId), ttlSeconds, nowSeconds()) as string[]
      return members.filter((member) => member.startsWith(GRANT)).map((member) => member.slice(GRANT.length))
    }
  }
}
