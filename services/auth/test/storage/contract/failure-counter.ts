// The behaviour every FailureCounter promises, run against each implementation.
import type { Test } from 'tap'
import type { FailureCounter } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const reserveTimes = async (counter: FailureCounter, key: string, times: number, max = 100, window = 300) => {
  for (let i = 0; i < times; i++) await counter.reserve(key, max, window)
}

export async function failureCounterContract (t: Test, make: MakeStore<FailureCounter>): Promise<void> {
  t.test('a key never counted has no attempts and nothing to wait for', async (t) => {
    const counter = await make(t)
    t.same(await counter.current(fresh()), { failures: 0, resetsIn: 0 })
  })

  t.test('attempts are counted per key up to the maximum, then refused without being counted', async (t) => {
    const counter = await make(t)
    const [key, other] = [fresh(), fresh()]
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await counter.reserve(key, 3, 300))
    t.same(answers.map((answer) => answer.allowed), [true, true, true, false, false])
    for (const { resetsIn } of answers) t.ok(resetsIn > 290 && resetsIn <= 300, `resetsIn ${resetsIn} is about the window`)
    t.equal((await counter.current(key)).failures, 3, 'refused attempts are not counted')
    t.equal((await counter.reserve(other, 3, 300)).allowed, true, 'another key has its own count')
    t.equal((await counter.current(other)).failures, 1)
  })

  t.test('of many concurrent reservations exactly the maximum are allowed', async (t) => {
    const counter = await make(t)
    const key = fresh()
    const answers = await Promise.all(Array.from({ length: 50 }, () => counter.reserve(key, 7, 300)))
    t.equal(answers.filter((answer) => answer.allowed).length, 7)
    t.equal((await counter.current(key)).failures, 7)
  })

  t.test('forgiving takes one attempt back, so another is allowed', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await reserveTimes(counter, key, 3, 3)
    await counter.forgive(key)
    t.equal((await counter.current(key)).failures, 2)
    t.equal((await counter.reserve(key, 3, 300)).allowed, true)
    t.equal((await counter.reserve(key, 3, 300)).allowed, false)
  })

  t.test('forgiving never goes below zero', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await counter.forgive(key)
    await reserveTimes(counter, key, 1)
    await counter.forgive(key)
    await counter.forgive(key)
    t.same(await counter.current(key), { failures: 0, resetsIn: 0 })
    const answers = []
    for (let i = 0; i < 3; i++) answers.push((await counter.reserve(key, 2, 300)).allowed)
    t.same(answers, [true, true, false], 'no credit was banked by forgiving more than was counted')
  })

  t.test('the window is fixed by its first attempt: later ones do not move its end', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await counter.reserve(key, 10, 100)
    const { resetsIn } = await counter.reserve(key, 10, 1000)
    t.ok(resetsIn <= 100, `resetsIn ${resetsIn} is within the first window`)
    t.equal((await counter.current(key)).failures, 2)
  })

  t.test('forgiving the last attempt ends the window: the next attempt opens a new one', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await counter.reserve(key, 10, 100)
    await counter.forgive(key)
    const { resetsIn } = await counter.reserve(key, 10, 1000)
    t.ok(resetsIn > 990, `resetsIn ${resetsIn} is the new window`)
  })

  t.test('once the window has passed the count starts again from zero', async (t) => {
    const counter = await make(t)
    const key = fresh()
    await reserveTimes(counter, key, 2, 2, SHORT_TTL)
    t.equal((await counter.reserve(key, 2, SHORT_TTL)).allowed, false)
    await outliveShortTtl()
    t.same(await counter.current(key), { failures: 0, resetsIn: 0 })
    await counter.forgive(key)
    const { allowed, resetsIn } = await counter.reserve(key, 2, 300)
    t.equal(allowed, true)
    t.ok(resetsIn > 290, 'a new window opens with the next attempt')
    t.equal((await counter.current(key)).failures, 1)
  })
}
