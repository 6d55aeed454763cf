// GET /health answers while the process runs; GET /ready only while every dependency the service names answers.
import type { FastifyInstance } from 'fastify'
import { HealthResponse, ReadyResponse } from '@keyhold/contracts'

const CHECK_TIMEOUT_MS = 1500

/** A dependency's check: it is up when the promise settles in time and is not `false`. */
export type ReadinessCheck = () => Promise<unknown>

async function probe (check: ReadinessCheck): Promise<'up' | 'down'> {
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

export interface HealthRoutesOptions {
  /** The checks /ready runs, by the name it reports each under. */
  checks: Record<string, ReadinessCheck>
  /** OpenAPI tags for both routes. */
  tags?: string[]
}

export async function healthRoutes (app: FastifyInstance, { checks, tags }: HealthRoutesOptions): Promise<void> {
  const doc = tags === undefined ? {} : { tags }
  app.get('/health', { schema: { ...doc, response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }))

  app.get('/ready', { schema: { ...doc, response: { 200: ReadyResponse, 503: ReadyResponse } } }, async (_request, reply) => {
    const states = await Promise.all(Object.values(checks).map(probe))
    const ready = states.every((state) => state === 'up')
    const reported = Object.fromEntries(Object.keys(checks).map((name, index) => [name, states[index]!]))
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: reported })
  })
}
