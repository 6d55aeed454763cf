// Ceiling: a bare Fastify route doing one Redis GET and one SET, the floor cost of a token lookup.
import Fastify from 'fastify'
import { Redis } from 'ioredis'
import { closeOnSignal, port, ready } from './serve.js'

const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, lazyConnect: true })
await redis.connect()
const key = `${process.env.REDIS_PREFIX}ceiling`

const app = Fastify({ logger: false })
app.get('/redis', async () => {
  const value = await redis.get(key)
  await redis.set(key, String(Number(value ?? 0) + 1), 'EX', 600)
  return { value }
})

await app.listen({ host: '127.0.0.1', port })
closeOnSignal(async () => {
  await app.close()
  await redis.quit()
})
ready()
