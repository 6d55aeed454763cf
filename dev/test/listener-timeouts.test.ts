// `pnpm dev`'s three listeners hold the same time limits as the services on their own: a half-sent body is cut.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { freePort, halfSentBody, idleAfterRequest, SHORT_TIMEOUT_BOUND_MS, SHORT_TIMEOUTS_ENV } from '@keyhold/service-kit/testing'
import { start } from '../src/start.js'


t.test('with short limits in the environment, every listener of the launcher cuts slow and idle connections', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyhold-dev-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const running = await start({
    dataDir,
    ports: { auth: await freePort(), resource: await freePort(), demo: await freePort(), logbook: await freePort() },
    env: { LOG_LEVEL: 'silent', ...SHORT_TIMEOUTS_ENV }
  })
  t.teardown(() => running.close())

  for (const [name, url] of Object.entries(running.urls)) {
    const half = await halfSentBody(url, '/token', SHORT_TIMEOUT_BOUND_MS)
    t.ok(half.closedAfterMs !== undefined, `${name}: a half-sent body is cut`)
    const idle = await idleAfterRequest(url, '/health', SHORT_TIMEOUT_BOUND_MS)
    t.ok(idle.closedAfterMs !== undefined && /^HTTP\/1\.1 200 /.test(idle.received), `${name}: an idle keep-alive connection is closed`)
  }
})
