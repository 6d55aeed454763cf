// The behaviour every DeliveryQueue promises, run against each implementation: leases that hand each due job to one
// worker, acknowledgements only from the lease's holder, retries, dead letters, and nothing kept for ever.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import type { DeliveryJob, DeliveryQueue } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

export interface DeliveryQueueSubject {
  queue: DeliveryQueue
  /** Where the queue lives in Redis: the keys it wrote that would never expire. */
  keysWithoutTtl?: () => Promise<string[]>
}

const job = (overrides: Partial<DeliveryJob> = {}): DeliveryJob => ({
  id: fresh(),
  kind: 'backchannel-logout',
  url: 'https://rp.example/logout',
  contentType: 'application/x-www-form-urlencoded',
  body: 'logout_token=eyJ.secret.sig',
  ...overrides
})
const LONG = 60_000
const KEEP = { ttlSeconds: 60, max: 100 }
const ids = (jobs: Array<{ id: string }>) => jobs.map(({ id }) => id)

export async function deliveryQueueContract (t: Test, make: MakeStore<DeliveryQueueSubject>): Promise<void> {
  /** Runs `body` on a fresh queue, then checks that every key it left behind expires. */
  const withQueue = (name: string, body: (t: Test, queue: DeliveryQueue) => Promise<void>) => t.test(name, async (t) => {
    const { queue, keysWithoutTtl } = await make(t)
    await body(t, queue)
    if (keysWithoutTtl) t.same(await keysWithoutTtl(), [], 'every key the queue wrote expires')
  })

  withQueue('a queued job is claimed as it was enqueued, and by no one else while leased', async (t, queue) => {
    const queued = job()
    const before = Date.now()
    t.equal(await queue.enqueue(queued, 60), true)
    const [claimed, ...more] = await queue.claim(10, LONG)
    t.same(more, [])
    t.match(claimed, { ...queued, attempts: 0, lease: String })
    t.ok(claimed!.enqueuedAt >= before && claimed!.enqueuedAt <= Date.now(), 'enqueuedAt is when it was queued')
    t.same(await queue.claim(10, LONG), [], 'leased: not due')
  })

  withQueue('a job whose id is queued already is not queued again', async (t, queue) => {
    const first = job()
    t.equal(await queue.enqueue(first, 60), true)
    t.equal(await queue.enqueue({ ...first, body: 'other' }, 60), false)
    t.match(await queue.claim(10, LONG), [{ ...first }])
  })

  withQueue('claims take at most max jobs, earliest due first', async (t, queue) => {
    const jobs = [job(), job(), job()]
    for (const queued of jobs) await queue.enqueue(queued, 60)
    const claimed = await queue.claim(2, LONG)
    t.equal(claimed.length, 2)
    claimed.push(...await queue.claim(2, LONG))
    t.same(ids(claimed).sort(), ids(jobs).sort())
    const now = Date.now()
    const offsets = [2000, 3000, 1000]
    for (const [i, leased] of claimed.entries()) await queue.retry(leased, now - offsets[i]!, 'HTTP 503', 60)
    t.same(ids(await queue.claim(3, LONG)), [claimed[1]!.id, claimed[0]!.id, claimed[2]!.id])
  })

  withQueue('of concurrent claims, each due job goes to exactly one', async (t, queue) => {
    const jobs = Array.from({ length: 20 }, () => job())
    await Promise.all(jobs.map((queued) => queue.enqueue(queued, 60)))
    const claims = await Promise.all(Array.from({ length: 8 }, () => queue.claim(5, LONG)))
    const claimed = claims.flatMap(ids)
    t.equal(claimed.length, 20)
    t.same([...claimed].sort(), ids(jobs).sort())
  })

  withQueue('a lease that runs out makes the job due again, and its old holder can no longer acknowledge it', async (t, queue) => {
    const queued = job()
    await queue.enqueue(queued, 60)
    const [stale] = await queue.claim(1, 200)
    await sleep(300)
    const [current] = await queue.claim(1, LONG)
    t.equal(current?.id, queued.id, 'the job is claimed again, as if its worker had died')
    t.equal(current?.attempts, 0)
    t.not(current?.lease, stale!.lease)
    t.equal(await queue.succeed(stale!), false)
    t.equal(await queue.retry(stale!, Date.now(), 'timeout', 60), false)
    t.equal(await queue.deadLetter(stale!, 'timeout', KEEP), false)
    t.same(await queue.deadLetters(10), [])
    t.equal(await queue.succeed(current!), true, 'the current holder can')
  })

  withQueue('a delivered job leaves the queue for good', async (t, queue) => {
    await queue.enqueue(job(), 60)
    const [claimed] = await queue.claim(1, 100)
    t.equal(await queue.succeed(claimed!), true)
    t.equal(await queue.succeed(claimed!), false)
    await sleep(200)
    t.same(await queue.claim(10, LONG), [], 'not due again when the lease would have run out')
  })

  withQueue('a retry counts the attempt and holds the job until it is due', async (t, queue) => {
    const queued = job()
    await queue.enqueue(queued, 60)
    const [first] = await queue.claim(1, LONG)
    t.equal(await queue.retry(first!, Date.now() + 300, 'HTTP 500', 60), true)
    t.equal(await queue.retry(first!, Date.now(), 'HTTP 500', 60), false, 'a retry ends the lease')
    t.same(await queue.claim(10, LONG), [], 'not due yet')
    await sleep(350)
    const [second] = await queue.claim(10, LONG)
    t.match(second, { ...queued, attempts: 1 })
    await queue.retry(second!, Date.now() - 1, 'HTTP 500', 60)
    t.match(await queue.claim(10, LONG), [{ id: queued.id, attempts: 2 }])
  })

  withQueue('dead letters leave the queue and are listed newest first, without their bodies', async (t, queue) => {
    const [older, newer] = [job({ kind: 'webhook' }), job()]
    await queue.enqueue(older, 60)
    const [first] = await queue.claim(1, LONG)
    await queue.retry(first!, Date.now() - 1, 'HTTP 500', 60)
    const [again] = await queue.claim(1, LONG)
    const before = Date.now()
    t.equal(await queue.deadLetter(again!, 'HTTP 502', KEEP), true)
    await queue.enqueue(newer, 60)
    const [only] = await queue.claim(1, LONG)
    t.equal(await queue.deadLetter(only!, 'refused: address 10.0.0.1 is private', KEEP), true)
    t.equal(await queue.deadLetter(only!, 'again', KEEP), false, 'once')

    const letters = await queue.deadLetters(10)
    const { body, ...olderLetter } = older
    t.match(letters, [
      { id: newer.id, attempts: 1, lastError: 'refused: address 10.0.0.1 is private' },
      { ...olderLetter, attempts: 2, lastError: 'HTTP 502', enqueuedAt: Number }
    ])
    t.ok(letters[1]!.failedAt >= before && letters[1]!.failedAt <= Date.now())
    t.ok(letters.every((letter) => !('body' in letter) && !('lease' in letter)), 'bodies hold tokens: not kept')
    t.same(ids(await queue.deadLetters(1)), [newer.id])
    t.same(await queue.claim(10, LONG), [])
  })

  withQueue('dead letters are bounded, and expire', async (t, queue) => {
    for (let i = 0; i < 3; i++) await queue.enqueue(job(), 60)
    const claimed = await queue.claim(3, LONG)
    for (const leased of claimed) await queue.deadLetter(leased, 'HTTP 500', { ttlSeconds: SHORT_TTL, max: 2 })
    t.same(ids(await queue.deadLetters(10)), ids(claimed).slice(1).reverse(), 'the newest two')
    await outliveShortTtl()
    t.same(await queue.deadLetters(10), [])
  })

  withQueue('a job expires with its TTL, leaving its id free', async (t, queue) => {
    const queued = job()
    await queue.enqueue(queued, SHORT_TTL)
    await outliveShortTtl()
    t.same(await queue.claim(10, LONG), [])
    t.equal(await queue.enqueue(queued, 60), true)
  })
}
