// GET /health answers while the process runs; GET /ready only while Postgres and the identity service answer too.
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { HealthResponse, ReadyResponse } from '@keyhold/contracts'

const CHECK_TIMEOUT_MS = 1500

async function probe (check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(reject, CHECK_TIMEOUT_MS) })
  try {
    return (await Promise.race([check(), timeout])) === false ? 'down' : 'up'
  } catch {
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}

export default async function healthRoutes (app: FastifyInstance): Promise<void> {
  const doc = { tags: ['health'] }
  app.get('/health', { schema: { ...doc, response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }))

  app.get('/ready', { schema: { ...doc, response: { 200: ReadyResponse, 503: ReadyResponse } } }, async (_request, reply) => {
    const [postgres, identity] = await Promise.all([
      probe(() => sql`select 1`.execute(app.resourceDb)),
      probe(() => app.identity.reachable())
    ])
    const ready = postgres === 'up' && identity === 'up'
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: { postgres, identity } })
  })
}
