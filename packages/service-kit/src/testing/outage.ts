// Assertions for a dependency outage: a bounded 503 with an OAuth body.
import type { LightMyRequestResponse } from 'fastify'

/** A dependency that does not answer must cost a caller a few seconds at most, not a hung request. */
export const OUTAGE_BOUND_MS = 5000

export interface Timed { response: LightMyRequestResponse, ms: number }

/** What `unavailable` needs of a tap test. */
export interface Asserts {
  equal (found: unknown, wanted: unknown, message: string): unknown
  same (found: unknown, wanted: unknown, message: string): unknown
  ok (value: unknown, message: string): unknown
}

export async function timed (request: Promise<LightMyRequestResponse>): Promise<Timed> {
  const started = performance.now()
  const response = await request
  return { response, ms: performance.now() - started }
}

export function unavailable (t: Asserts, { response, ms }: Timed, what: string): void {
  t.equal(response.statusCode, 503, `${what}: 503`)
  t.same(Object.keys(response.json()).sort(), ['error', 'error_description'], `${what}: an OAuth error body`)
  t.equal(response.json().error, 'temporarily_unavailable', what)
  t.ok(Number(response.headers['retry-after']) > 0, `${what}: Retry-After`)
  t.ok(ms < OUTAGE_BOUND_MS, `${what}: answered in ${Math.round(ms)} ms`)
}
