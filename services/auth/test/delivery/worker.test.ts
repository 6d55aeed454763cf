// The worker on an in-memory queue and a scripted poster: its retry schedule, dead letters, what it logs, and what a
// stop leaves behind.
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import t from 'tap'
import type { Test } from 'tap'
import { eventually } from '@keyhold/service-kit/testing'
import type { DeliveryOutcome, Poster } from '../../src/delivery/outbound.js'
import { startDeliveryWorker, type WorkerOptions } from '../../src/delivery/worker.js'
import { memoryStores } from '../../src/storage/memory/index.js'
import type { DeliveryQueue } from '../../src/storage/types.js'

const SECRET = 'eyJ.do-not-log.sig'
const job = (id: string) => ({ id, kind: 'backchannel-logout', url: 'https://rp.example/hook/path-secret?key=query-secret', contentType: 'text/plain', body: `logout_token=${SECRET}` })

function recordingLog () {
  const lines: Array<{ level: string, fields: Record<string, unknown>, msg: string }> = []
  const log: Record<string, unknown> = { level: 'info', child: () => log, silent: () => {} }
  for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace']) {
    log[level] = (fields: Record<string, unknown> | string, msg?: string) =>
      lines.push(typeof fields === 'string' ? { level, fields: {}, msg: fields } : { level, fields, msg: msg ?? '' })
  }
  return { log: log as unknown as FastifyBaseLogger, lines }
}

/** A poster answering each call with the next outcome (the last one over and over), noting when it was called. */
function scripted (...outcomes: DeliveryOutcome[]): Poster & { calls: number[] } {
  const calls: number[] = []
  return Object.assign(async () => {
    calls.push(performance.now())
    return outcomes[Math.min(calls.length, outcomes.length) - 1]!
  }, { calls })
}

function start (t: Test, overrides: Partial<WorkerOptions> & { post: Poster }) {
  const { stores, close } = memoryStores({ announce () {} })
  const { log, lines } = recordingLog()
  const queue = overrides.queue ?? stores.deliveryQueue
  const worker = startDeliveryWorker({
    queue,
    log,
    schedule: { retryDelaysMs: [50, 100], leaseMs: 5000 },
    pollIntervalMs: 10,
    concurrency: 5,
    drainMs: 1000,
    ...overrides
  })
  t.teardown(async () => {
    await worker.stop()
    close()
  })
  return { queue, worker, lines }
}

const failing: DeliveryOutcome = { outcome: 'failed', error: 'HTTP 503' }

t.test('a failed delivery waits its scheduled delay, jittered, before each retry; the last failure is a dead letter', async (t) => {
  const post = scripted(failing)
  const { queue, lines } = start(t, { post, random: () => 0 })
  await queue.enqueue(job('j'), 60)
  t.ok(await eventually(async () => (await queue.deadLetters(1)).length === 1, { withinMs: 3000 }))
  t.equal(post.calls.length, 3, 'the first attempt and one retry per delay')
  const [first, second, third] = post.calls as [number, number, number]
  t.ok(second - first >= 40 - 5, 'the first wait: 50 ms less 20 %')
  t.ok(third - second >= 80 - 5, 'the second wait: 100 ms less 20 %')
  t.match(await queue.deadLetters(1), [{ id: 'j', attempts: 3, lastError: 'HTTP 503' }])
  t.match(lines.map(({ level, msg }) => [level, msg]), [
    ['warn', 'delivery failed, will retry'], ['warn', 'delivery failed, will retry'], ['error', /last time: dead letter/]
  ])
  t.match(lines[0]!.fields, { delivery: 'j', kind: 'backchannel-logout', target: 'https://rp.example', attempt: 1, attemptsLeft: 2 })
  await sleep(150)
  t.equal(post.calls.length, 3, 'nothing after the dead letter')
})

t.test('a refused URL is a dead letter at once, never retried', async (t) => {
  const post = scripted({ outcome: 'refused', error: 'address 10.0.0.1 is private' })
  const { queue } = start(t, { post })
  await queue.enqueue(job('r'), 60)
  t.ok(await eventually(async () => (await queue.deadLetters(1)).length === 1))
  t.match(await queue.deadLetters(1), [{ id: 'r', attempts: 1, lastError: 'address 10.0.0.1 is private' }])
  await sleep(150)
  t.equal(post.calls.length, 1)
})

t.test('neither the body nor the path and query of the URL is ever logged', async (t) => {
  const post = scripted(failing, { outcome: 'delivered', status: 200 })
  const { queue, lines } = start(t, { post })
  await queue.enqueue(job('logged'), 60)
  t.ok(await eventually(async () => lines.some(({ msg }) => msg === 'delivered')))
  const logged = JSON.stringify(lines)
  for (const secret of [SECRET, 'path-secret', 'query-secret']) t.notOk(logged.includes(secret), secret)
})

t.test('stopping abandons deliveries still under way after the drain to their lease: claimed again later, no attempt counted', async (t) => {
  let started = false
  const post: Poster = (_job, stop) => new Promise((resolve) => {
    started = true
    stop!.addEventListener('abort', () => resolve({ outcome: 'failed', error: 'aborted' }))
  })
  const { queue, worker } = start(t, { post, drainMs: 50, schedule: { retryDelaysMs: [10], leaseMs: 300 } })
  await queue.enqueue(job('cut'), 60)
  t.ok(await eventually(async () => started))
  const stopping = performance.now()
  await worker.stop()
  t.ok(performance.now() - stopping < 500, 'stopped after the drain, not the delivery')
  t.same(await queue.claim(5, 1000), [], 'still leased')
  await sleep(300)
  t.match(await queue.claim(5, 1000), [{ id: 'cut', attempts: 0 }])
  t.same(await queue.deadLetters(5), [])
})

t.test('a delivery that ends within the drain is recorded', async (t) => {
  let started = false
  const post: Poster = async () => {
    started = true
    await sleep(50)
    return { outcome: 'delivered', status: 200 }
  }
  const { queue, worker } = start(t, { post, schedule: { retryDelaysMs: [10], leaseMs: 100 } })
  await queue.enqueue(job('finished'), 60)
  t.ok(await eventually(async () => started))
  await worker.stop()
  await sleep(150)
  t.same(await queue.claim(5, 1000), [], 'acknowledged, not left to its lease')
})

t.test('a slow receiver holds up only its own job, and no more than the concurrency are under way', async (t) => {
  const started: string[] = []
  const post: Poster = (delivery, stop) => new Promise((resolve) => {
    started.push(delivery.body)
    if (delivery.body === 'fast') resolve({ outcome: 'delivered', status: 200 })
    stop!.addEventListener('abort', () => resolve({ outcome: 'failed', error: 'aborted' }))
  })
  const { queue } = start(t, { post, concurrency: 2, drainMs: 10 })
  await queue.enqueue({ ...job('slow-1'), body: 'slow-1' }, 60)
  t.ok(await eventually(async () => started.length === 1))
  await queue.enqueue({ ...job('fast'), body: 'fast' }, 60)
  t.ok(await eventually(async () => started.includes('fast')), 'delivered while the slow one is under way')
  await queue.enqueue({ ...job('slow-2'), body: 'slow-2' }, 60)
  await queue.enqueue({ ...job('slow-3'), body: 'slow-3' }, 60)
  await sleep(100)
  t.same(started, ['slow-1', 'fast', 'slow-2'], 'the third slow one waits for room')
})

t.test('a delivery that outlasts its lease is not recorded by its first worker, the job having passed on', async (t) => {
  const post = Object.assign(async () => {
    post.calls += 1
    if (post.calls === 1) await sleep(150)
    return { outcome: 'delivered', status: 200 } as const
  }, { calls: 0 })
  const { queue, lines } = start(t, { post, schedule: { retryDelaysMs: [10], leaseMs: 50 } })
  await queue.enqueue(job('slow'), 60)
  t.ok(await eventually(async () => lines.some(({ msg }) => /outlasted its lease/.test(msg))))
  t.equal(post.calls, 2, 'claimed again once the lease ran out')
  t.equal(lines.filter(({ msg }) => msg === 'delivered').length, 1)
})

t.test('an unreachable queue is logged once per outage, and polling goes on', async (t) => {
  const { stores, close } = memoryStores({ announce () {} })
  t.teardown(close)
  let down = true
  const queue: DeliveryQueue = { ...stores.deliveryQueue, claim: async (max, leaseMs) => {
    if (down) throw new Error('Connection is closed.')
    return await stores.deliveryQueue.claim(max, leaseMs)
  } }
  const post = scripted({ outcome: 'delivered', status: 200 })
  const { lines } = start(t, { post, queue })
  await queue.enqueue(job('later'), 60)
  await sleep(100)
  down = false
  t.ok(await eventually(async () => post.calls.length === 1))
  t.match(lines.map(({ level, msg }) => [level, msg]), [['warn', 'delivery queue unreachable'], ['info', /reachable again/], ['info', 'delivered']])
})
