// The demo's listener cuts a half-sent body, unfinished headers and an idle keep-alive connection in bounded time.
import t from 'tap'
import { listenerLimitsSuite, SHORT_TIMEOUTS_ENV } from '@keyhold/service-kit/testing'
import { buildDemo } from './helpers/demo.js'

t.test('over a real socket, with short limits configured', async (t) => {
  const app = await buildDemo(t, SHORT_TIMEOUTS_ENV)
  listenerLimitsSuite(t, await app.listen({ host: '127.0.0.1', port: 0 }), { bodyPath: '/calls' })
})
