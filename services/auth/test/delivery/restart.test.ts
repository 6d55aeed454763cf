// Deliveries across instances sharing one Redis: a job cut short by a shutdown is delivered by the next instance
// once its lease runs out, and instances polling side by side deliver each job exactly once.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import type { Test } from 'tap'
import { eventually } from '@keyhold/service-kit/testing'
import { buildApp } from '../../src/app.js'
import { isolatedConfig, type ServerConfig } from '../helper.js'
import { receiver } from './receiver.js'

const FAST = { DELIVERY_POLL_INTERVAL_MS: '20', DELIVERY_RETRY_DELAYS_MS: '20,20', DELIVERY_TIMEOUT_MS: '1000', DELIVERY_LEASE_MS: '2000' }
const job = (url: string, body: string) => ({ kind: 'webhook', url, contentType: 'text/plain', body })

async function start (t: Test, config: ServerConfig) {
  const app = await buildApp(config)
  t.teardown(() => app.close())
  return app
}

t.test('a delivery cut short by a shutdown is made by the next instance, once the lease runs out', async (t) => {
  // A short grace: the first instance abandons the delivery well before the delivery's own time limit.
  const config = await isolatedConfig(t, { ...FAST, SHUTDOWN_GRACE_MS: '200' })
  const rp = await receiver(t, (res, n) => { if (n > 1) res.writeHead(200).end() })
  const first = await start(t, config)
  await first.deliveries.enqueue(job(rp.url, 'event'))
  t.ok(await eventually(async () => rp.received.length === 1), 'the first instance is delivering')
  const closing = performance.now()
  await first.close()
  t.ok(performance.now() - closing < 1000, 'the shutdown did not wait for the receiver')

  const second = await start(t, config)
  t.ok(await eventually(async () => rp.received.length === 2, { withinMs: 4000 }), 'delivered by the second instance')
  t.equal(rp.received[1]?.body, 'event')
  await sleep(200)
  t.equal(rp.received.length, 2)
  t.same(await second.stores.deliveryQueue.deadLetters(10), [])
})

t.test('a delivery that ends during a shutdown is recorded before Redis is let go: the next instance does not repeat it', async (t) => {
  const config = await isolatedConfig(t, FAST)
  const rp = await receiver(t, (res) => { setTimeout(() => res.writeHead(200).end(), 100) })
  const first = await start(t, config)
  await first.deliveries.enqueue(job(rp.url, 'event'))
  t.ok(await eventually(async () => rp.received.length === 1))
  await first.close()
  await start(t, config)
  await sleep(2500)
  t.equal(rp.received.length, 1, 'not delivered again when the lease would have run out')
})

t.test('two instances on one Redis deliver each job exactly once', async (t) => {
  const config = await isolatedConfig(t, FAST)
  const rp = await receiver(t, (res) => { setTimeout(() => res.writeHead(200).end(), 5) })
  const apps = [await start(t, config), await start(t, config)]
  const bodies = Array.from({ length: 30 }, (_, i) => `event-${i}`)
  await Promise.all(bodies.map((body, i) => apps[i % 2]!.deliveries.enqueue(job(rp.url, body))))
  t.ok(await eventually(async () => rp.received.length >= 30, { withinMs: 5000 }))
  await sleep(200)
  t.same(rp.received.map(({ body }) => body).sort(), [...bodies].sort(), 'each job once, none twice')
})
