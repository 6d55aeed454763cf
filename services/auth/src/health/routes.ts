// GET /health answers while the process runs; GET /ready only while Postgres and Redis (when used) answer too.
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { HealthResponse, ReadyResponse } from '@keyhold/contracts'

const CHECK_TIMEOUT_MS = 1500

async function probe (check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(reject, CHECK_TIMEOUT_MS) })
  try {
    await Promise.race([check(), timeout])
    return 'up'
  } catch {
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}

export default async function healthRoutes (app: FastifyInstance): Promise<void> {
  app.get('/health', { schema: { response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }))

  app.get('/ready', { schema: { response: { 200: ReadyResponse, 503: ReadyResponse } } }, async (_request, reply) => {
    const { redis } = app
    const [postgres, redisState] = await Promise.all([
      probe(() => sql`select 1`.execute(app.db)),
      redis && probe(() => redis.ping())
    ])
    // Without Redis the short-lived stores are in this process: nothing more to ask.
    const checks = { postgres, ...(redisState && { redis: redisState }) }
    const ready = Object.values(checks).every((state) => state === 'up')
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
  })
}
