// app.deliveries end to end, on Redis and real receivers: a job enqueued reaches its receiver in the background,
// failures are retried on schedule, and what cannot be delivered ends in the dead letters.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { eventually } from '@keyhold/service-kit/testing'
import { build } from '../helper.js'
import { answer, receiver } from './receiver.js'

/** Tiny waits, so that a whole schedule runs within the test. */
const FAST = { DELIVERY_POLL_INTERVAL_MS: '20', DELIVERY_RETRY_DELAYS_MS: '20,20', DELIVERY_TIMEOUT_MS: '1000', DELIVERY_LEASE_MS: '2000' }
const logout = (url: string) => ({ kind: 'backchannel-logout', url, contentType: 'application/x-www-form-urlencoded', body: 'logout_token=eyJ.a.b' })

t.test('a delivery reaches its receiver with its body and content type, once', async (t) => {
  const app = await build(t, FAST)
  const rp = await receiver(t, answer(200))
  const id = await app.deliveries.enqueue(logout(`${rp.url}/logout`))
  t.match(id, /^[0-9a-f-]{36}$/, 'a random id by default')
  t.ok(await eventually(async () => rp.received.length === 1))
  t.match(rp.received[0], { method: 'POST', url: '/logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout_token=eyJ.a.b' })
  await sleep(100)
  t.equal(rp.received.length, 1)
  t.same(await app.stores.deliveryQueue.deadLetters(10), [])
})

t.test('a receiver that fails twice gets the job on the third attempt', async (t) => {
  const app = await build(t, FAST)
  const rp = await receiver(t, (res, n) => res.writeHead(n < 3 ? 503 : 200).end())
  await app.deliveries.enqueue(logout(rp.url))
  t.ok(await eventually(async () => rp.received.length === 3, { withinMs: 3000 }))
  await sleep(150)
  t.equal(rp.received.length, 3, 'not a fourth')
  t.same(await app.stores.deliveryQueue.deadLetters(10), [])
})

t.test('a receiver that always fails leaves a dead letter after the last attempt', async (t) => {
  const app = await build(t, FAST)
  const rp = await receiver(t, answer(500))
  const id = await app.deliveries.enqueue({ ...logout(rp.url), id: 'logout-sid-1' })
  t.equal(id, 'logout-sid-1')
  t.ok(await eventually(async () => (await app.stores.deliveryQueue.deadLetters(10)).length === 1, { withinMs: 3000 }))
  t.equal(rp.received.length, 3, 'one attempt, then one per retry delay')
  const [letter] = await app.stores.deliveryQueue.deadLetters(10)
  t.match(letter, { id: 'logout-sid-1', kind: 'backchannel-logout', url: rp.url, attempts: 3, lastError: 'HTTP 500' })
  t.notOk('body' in letter!, 'the token is not kept')
})

t.test('an id already queued is not queued twice', async (t) => {
  const app = await build(t, { ...FAST, DELIVERY_POLL_INTERVAL_MS: '60000' })
  const rp = await receiver(t, () => {})
  await app.deliveries.enqueue({ ...logout(rp.url), id: 'same' })
  await app.deliveries.enqueue({ ...logout(rp.url), id: 'same' })
  t.ok(await eventually(async () => rp.received.length === 1))
  await sleep(100)
  t.equal(rp.received.length, 1)
})

t.test('where the issuer is not a loopback http URL, a loopback target is refused at once, without a request', async (t) => {
  const app = await build(t, { ...FAST, ISSUER: 'https://id.example' })
  const rp = await receiver(t, answer(200))
  await app.deliveries.enqueue({ ...logout(rp.url), id: 'over-http' })
  await app.deliveries.enqueue({ ...logout(rp.url.replace('http:', 'https:')), id: 'to-loopback' })
  t.ok(await eventually(async () => (await app.stores.deliveryQueue.deadLetters(10)).length === 2))
  t.match((await app.stores.deliveryQueue.deadLetters(10)).sort((a, b) => a.id.localeCompare(b.id)), [
    { id: 'over-http', attempts: 1, lastError: /http: is not allowed/ },
    { id: 'to-loopback', attempts: 1, lastError: /127\.0\.0\.1 is loopback/ }
  ])
  t.same(rp.received, [])
})

t.test('enqueue refuses what is not a job', async (t) => {
  const app = await build(t, FAST)
  await t.rejects(app.deliveries.enqueue({ ...logout('https://rp.example'), id: 'a b' }), TypeError)
  await t.rejects(app.deliveries.enqueue({ ...logout('https://rp.example'), body: 'x'.repeat(64 * 1024 + 1) }), RangeError)
})
