// What the store contract suites share: a way to make the store under test, fresh names, and waiting out a TTL.
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'

/** Builds a fresh, empty store for one test; anything it needs released is torn down with `t`. */
export type MakeStore<S> = (t: Test) => Promise<S>

export const fresh = (): string => randomBytes(16).toString('hex')

/** The shortest TTL every implementation honours (Redis counts whole seconds). */
export const SHORT_TTL = 1

/** Waits until an entry written with SHORT_TTL has certainly expired. */
export const outliveShortTtl = (): Promise<void> => sleep(SHORT_TTL * 1000 + 250)

/**
 * Turns a subscription into "the next value, in order": each call resolves with the next value not yet taken,
 * whether it arrived before the call or after.
 */
export function nextFrom<V> (subscribe: (listener: (value: V) => void) => () => void, t: Test): () => Promise<V> {
  const arrived: V[] = []
  const waiting: Array<(value: V) => void> = []
  t.teardown(subscribe((value) => {
    const waiter = waiting.shift()
    if (waiter) waiter(value)
    else arrived.push(value)
  }))
  return () => arrived.length > 0 ? Promise.resolve(arrived.shift()!) : new Promise((resolve) => waiting.push(resolve))
}
