// Assertions for a dependency outage: a bounded 503 with an OAuth body, and waiting for recovery.
import type { LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'

/** A dependency that does not answer must cost a caller a few seconds at most, not a hung request. */
export const BOUND_MS = 5000

export interface Timed { response: LightMyRequestResponse, ms: number }

export async function timed (request: Promise<LightMyRequestResponse>): Promise<Timed> {
  const started = performance.now()
  const response = await request
  return { response, ms: performance.now() - started }
}

export function unavailable (t: Test, { response, ms }: Timed, what: string): void {
  t.equal(response.statusCode, 503, `${what}: 503`)
  t.same(Object.keys(response.json()).sort(), ['error', 'error_description'], `${what}: an OAuth error body`)
  t.equal(response.json().error, 'temporarily_unavailable', what)
  t.ok(Number(response.headers['retry-after']) > 0, `${what}: Retry-After`)
  t.ok(ms < BOUND_MS, `${what}: answered in ${Math.round(ms)} ms`)
}

/** Polls `check` every 100 ms until it holds, for at most `ms`. */
export async function until (check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const deadline = performance.now() + ms; performance.now() < deadline;) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}
