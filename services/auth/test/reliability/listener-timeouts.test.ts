// The identity service's listener cuts a half-sent body, unfinished headers and an idle keep-alive connection in bounded time.
import t from 'tap'
import { halfSentBody, idleAfterRequest, SHORT_TIMEOUT_BOUND_MS, SHORT_TIMEOUTS_ENV, unfinishedHeaders } from '@keyhold/service-kit/testing'
import { build } from '../helper.js'

t.test('over a real socket, with short limits configured', async (t) => {
  const app = await build(t, SHORT_TIMEOUTS_ENV)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })

  t.test('a POST /token that announced 100 bytes and sent 11 is answered 408 and closed', async (t) => {
    const { closedAfterMs, received } = await halfSentBody(url, '/token', SHORT_TIMEOUT_BOUND_MS)
    t.ok(closedAfterMs !== undefined && closedAfterMs >= 900, `closed after the request limit (${closedAfterMs} ms)`)
    t.match(received, /^HTTP\/1\.1 408 /)
  })

  t.test('headers that never end are cut', async (t) => {
    const { closedAfterMs } = await unfinishedHeaders(url, '/health', SHORT_TIMEOUT_BOUND_MS)
    t.ok(closedAfterMs !== undefined, 'closed within the bound')
  })

  t.test('an idle keep-alive connection is closed after its answer', async (t) => {
    const { closedAfterMs, received } = await idleAfterRequest(url, '/health', SHORT_TIMEOUT_BOUND_MS)
    t.match(received, /^HTTP\/1\.1 200 /)
    t.ok(closedAfterMs !== undefined, 'closed within the bound')
  })
})
