// Redis through ioredis, set to fail fast while the server is away and to reconnect on its own; none without REDIS_URL.
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    /** Undefined without REDIS_URL: the short-lived stores then live in this process's memory. */
    redis: Redis | undefined
  }
}

export function connectRedis (url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Commands that concurrent requests issue in the same tick leave in one write: under load, a
    // quarter of a token request's CPU went to one socket write per command.
    enableAutoPipelining: true,
    // Long enough that a burst of requests queued behind a busy event loop is not mistaken for an outage.
    commandTimeout: 2000,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000)
  })
  redis.on('error', onError)
  return redis
}

export default fp(async (app, opts: { redisUrl: string | undefined }) => {
  if (opts.redisUrl === undefined) {
    app.decorate('redis', undefined)
    return
  }
  const redis = connectRedis(opts.redisUrl, (error) => app.log.warn({ err: error }, 'redis error'))
  await redis.connect()
  app.decorate('redis', redis)
  app.addHook('onClose', async () => { await redis.quit().catch(() => redis.disconnect()) })
}, { name: 'redis' })
