// The event-stream reader: events split anywhere across chunks, notices heard only once the stream is ready, and
// every new stream a gap that empties the cache.
import { PassThrough } from 'node:stream'
import t from 'tap'
import type { FastifyBaseLogger } from 'fastify'
import type { IdentityClient } from '../src/identity-client.js'
import { listenToEventStream } from '../src/revocations/event-stream.js'
import { eventually } from './helper.js'

const quiet = { info () {}, warn () {}, error () {} } as unknown as FastifyBaseLogger

/** An identity service whose streams the test writes; each call to open a stream takes the next one. */
function fakeIdentity () {
  const streams: PassThrough[] = []
  const identity = {
    async revocationEvents (signal: AbortSignal) {
      const body = new PassThrough()
      signal.addEventListener('abort', () => body.destroy(signal.reason as Error))
      streams.push(body)
      return { statusCode: 200, body }
    }
  } as unknown as IdentityClient
  return { identity, streams }
}

function listen (identity: IdentityClient) {
  const heard: string[] = []
  let gaps = 0
  const feed = listenToEventStream(identity, { log: quiet, onNotice: (notice) => heard.push(notice), onGap: () => { gaps++ } },
    { maxReconnectDelayMs: 10 })
  return { feed, heard, gaps: () => gaps }
}

t.test('notices count only after ready; events may arrive in pieces and with CRLF', async (t) => {
  const { identity, streams } = fakeIdentity()
  const { feed, heard, gaps } = listen(identity)
  t.teardown(() => feed.close())
  await eventually(async () => streams.length === 1)
  const stream = streams[0]!

  stream.write('event: revocation\ndata: before-ready\n\n')
  stream.write('event: rea')
  stream.write('dy\ndata: {"heartbeat":15}\n')
  stream.write('\n')
  t.ok(await eventually(async () => feed.live), 'live once ready')
  t.equal(gaps(), 1, 'ready empties the cache: anything before it may have been missed')
  stream.write(': heartbeat\n\nevent: revocation\r\ndata: jti-1\r\n\r\nevent: revocation\ndata: client:abc\n\n')
  t.ok(await eventually(async () => heard.length === 2))
  t.same(heard, ['jti-1', 'client:abc'], 'the notice sent before ready was not taken')
})

t.test('a stream that ends is opened again, and counts as live only once the new one is ready', async (t) => {
  const { identity, streams } = fakeIdentity()
  const { feed, gaps } = listen(identity)
  t.teardown(() => feed.close())
  await eventually(async () => streams.length === 1)
  streams[0]!.write('event: ready\ndata: {"heartbeat":15}\n\n')
  t.ok(await eventually(async () => feed.live))

  streams[0]!.end()
  t.ok(await eventually(async () => streams.length === 2), 'reconnected')
  t.equal(feed.live, false, 'not live before the new stream is ready')
  streams[1]!.write('event: ready\ndata: {"heartbeat":15}\n\n')
  t.ok(await eventually(async () => feed.live))
  t.equal(gaps(), 2)
})

t.test('an oversized event or a ready without a heartbeat ends the stream', async (t) => {
  const { identity, streams } = fakeIdentity()
  const { feed } = listen(identity)
  t.teardown(() => feed.close())
  await eventually(async () => streams.length === 1)
  streams[0]!.write(`event: revocation\ndata: ${'x'.repeat(20_000)}`)
  t.ok(await eventually(async () => streams.length === 2), 'dropped and opened again')
  streams[1]!.write('event: ready\ndata: {}\n\n')
  t.ok(await eventually(async () => streams.length === 3))
  t.equal(feed.live, false)
})

t.test('closing stops reconnecting and ends the stream', async (t) => {
  const { identity, streams } = fakeIdentity()
  const { feed } = listen(identity)
  await eventually(async () => streams.length === 1)
  await feed.close()
  t.ok(streams[0]!.destroyed)
  t.equal(streams.length, 1)
})
