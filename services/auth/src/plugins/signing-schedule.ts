// Scheduled signing-key rotation: every instance looks now and then whether an algorithm's newest key has reached the
// rotation interval; the key store's lock lets exactly one of them add the next key, however many look at once.
import type { FastifyInstance } from 'fastify'
import type { SigningAlgorithm } from '@keyhold/service-kit/jose'

const MAX_CHECK_INTERVAL_MS = 60_000

export interface RotationSchedule {
  /** Looks now (as the timer will again), for an instance that starts long after the last rotation. */
  check (): void
  stop (): void
}

/** Every so often, `rotate` each algorithm for which `due` says its newest key is older than the interval. */
export function rotationSchedule (
  app: FastifyInstance, intervalMs: number, due: (alg: SigningAlgorithm) => boolean, rotate: (alg: SigningAlgorithm) => Promise<void>
): RotationSchedule {
  let running: Promise<void> | undefined
  const check = () => {
    running ??= (async () => {
      for (const alg of ['ES256', 'RS256'] as const) if (due(alg)) await rotate(alg)
    })().catch((error: unknown) => app.log.warn({ err: error }, 'scheduled signing-key rotation failed; it is tried again'))
      .finally(() => { running = undefined })
  }
  const timer = setInterval(check, Math.min(MAX_CHECK_INTERVAL_MS, intervalMs / 10))
  timer.unref()
  return { check, stop: () => clearInterval(timer) }
}
