// The behaviour every FailureCounter promises, run against each implementation.
import type { Test } from 'tap'
import type { FailureCounter } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export async function failureCounterContract (t: Test, make: MakeStore<FailureCounter>): Promise<void> {
  t.test('a key never failed has no failures and nothing to wait for', async (t) => {
    const counter = await make(t)
    t.same(await counter.current(fresh()), { failures: 0, resetsIn: 0 })
  })

  t.test('failures add up per key within the window', async (t) => {
    const counter = await make(t)
    const [key, other] = [fresh(), fresh()]
    await counter.record(key, 300)
    await counter.record(key, 300)
    await counter.record(other, 300)
    const { failures, resetsIn } = await counter.current(key)
    t.equal(failures, 2)
    t.ok(resetsIn > 290 && resetsIn <= 300, `resetsIn ${resetsIn} is about the window`)
    t.equal((await counter.current(other)).failures, 1)
  })

  t.test('concurrent failures are all counted', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await Promise.all(Array.from({ length: 20 }, () => counter.record(key, 300)))
    t.equal((await counter.current(key)).failures, 20)
  })

  t.test('the window is fixed by its first failure: later failures do not move its end', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await counter.record(key, 100)
    await counter.record(key, 1000)
    const { failures, resetsIn } = await counter.current(key)
    t.equal(failures, 2)
    t.ok(resetsIn <= 100, `resetsIn ${resetsIn} is within the first window`)
  })

  t.test('once the window has passed the count starts again from zero', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await counter.record(key, SHORT_TTL)
    await counter.record(key, SHORT_TTL)
    await outliveShortTtl()
    t.same(await counter.current(key), { failures: 0, resetsIn: 0 })
    await counter.record(key, 300)
    const { failures, resetsIn } = await counter.current(key)
    t.equal(failures, 1)
    t.ok(resetsIn > 290, 'a new window opens with the next failure')
  })
}
