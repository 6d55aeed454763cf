import t from 'tap'
import { collapsedReads } from '../../src/storage/collapsed-reads.js'

/** A query whose end the test decides; `runs` counts how many were started. */
function controlledQuery () {
  const started: Array<{ resolve (value: number): void, reject (error: Error): void }> = []
  const run = () => new Promise<number>((resolve, reject) => { started.push({ resolve, reject }) })
  return { run, started }
}
const settle = () => new Promise((resolve) => setImmediate(resolve))

t.test('a read with nothing running starts its query at once', async (t) => {
  const read = collapsedReads()
  const { run, started } = controlledQuery()
  const answer = read('k', run)
  t.equal(started.length, 1)
  started[0]!.resolve(1)
  t.equal(await answer, 1)
})

t.test('reads arriving while a query runs share the next one, never the running one', async (t) => {
  const read = collapsedReads()
  const { run, started } = controlledQuery()
  const first = read('k', run)
  const later = [read('k', run), read('k', run), read('k', run)]
  t.equal(started.length, 1, 'the next query waits for the running one')
  started[0]!.resolve(1)
  t.equal(await first, 1)
  await settle()
  t.equal(started.length, 2, 'then one query serves every read that arrived meanwhile')
  started[1]!.resolve(2)
  t.same(await Promise.all(later), [2, 2, 2], 'answers from a query started after they arrived')
})

t.test('a read arriving after the shared query started waits for another one', async (t) => {
  const read = collapsedReads()
  const { run, started } = controlledQuery()
  void read('k', run)
  const second = read('k', run)
  started[0]!.resolve(1)
  await settle()
  const third = read('k', run)
  started[1]!.resolve(2)
  await settle()
  t.equal(started.length, 3)
  started[2]!.resolve(3)
  t.equal(await second, 2)
  t.equal(await third, 3)
})

t.test('different keys never share', async (t) => {
  const read = collapsedReads()
  const { run, started } = controlledQuery()
  const a = read('a', run)
  const b = read('b', run)
  t.equal(started.length, 2)
  started[0]!.resolve(1)
  started[1]!.resolve(2)
  t.same(await Promise.all([a, b]), [1, 2])
})

t.test('a failure reaches every read that shared the query, and the next read runs anew', async (t) => {
  const read = collapsedReads()
  const { run, started } = controlledQuery()
  const first = read('k', run)
  const sharers = [read('k', run), read('k', run)]
  started[0]!.reject(new Error('first down'))
  await t.rejects(first, /first down/)
  await settle()
  started[1]!.reject(new Error('still down'))
  for (const sharer of sharers) await t.rejects(sharer, /still down/)
  await settle()
  const recovered = read('k', run)
  t.equal(started.length, 3, 'nothing left waiting: the next read starts at once')
  started[2]!.resolve(3)
  t.equal(await recovered, 3)
})
