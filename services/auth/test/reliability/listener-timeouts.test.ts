// The identity service's listener cuts a half-sent body, unfinished headers and an idle keep-alive connection in bounded time.
import t from 'tap'
import { listenerLimitsSuite, SHORT_TIMEOUTS_ENV } from '@keyhold/service-kit/testing'
import { build } from '../helper.js'

t.test('over a real socket, with short limits configured', async (t) => {
  const app = await build(t, SHORT_TIMEOUTS_ENV)
  listenerLimitsSuite(t, await app.listen({ host: '127.0.0.1', port: 0 }), { bodyPath: '/token', expectBodyStatus: 408 })
})
