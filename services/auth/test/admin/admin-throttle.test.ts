// Wrong admin tokens are limited per calling address, sequentially and in parallel over real sockets, with each store.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { ADMIN_TOKEN, build } from '../helper.js'

const STORES = { Redis: {}, memory: { REDIS_URL: '' } }

const tally = (statuses: number[]): Record<number, number> =>
  statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {})

const listClients = (app: FastifyInstance, token: string, remoteAddress = '203.0.113.7') =>
  app.inject({ method: 'GET', url: '/admin/clients', remoteAddress, headers: { authorization: `Bearer ${token}` } })

t.test('wrong admin tokens are throttled per address', async (t) => {
  const app = await build(t, { ADMIN_AUTH_MAX_FAILURES: '3', ADMIN_AUTH_FAILURE_WINDOW: '60' })

  for (let i = 0; i < 3; i++) {
    const wrong = await listClients(app, `guess-${i}`)
    t.equal(wrong.statusCode, 401, `wrong token ${i + 1} is a plain 401`)
    t.equal(wrong.headers['www-authenticate'], 'Bearer realm="admin"')
    t.equal(wrong.json().error, 'invalid_token')
  }

  const exhausted = await listClients(app, 'guess-3')
  t.equal(exhausted.statusCode, 429, 'the fourth wrong token is not checked')
  t.same(Object.keys(exhausted.json()).sort(), ['error', 'error_description'], 'an RFC 6750-shaped body')
  t.equal(exhausted.json().error, 'temporarily_unavailable')
  const retryAfter = Number(exhausted.headers['retry-after'])
  t.ok(retryAfter > 0 && retryAfter <= 60, 'Retry-After says when the window ends')

  t.equal((await listClients(app, ADMIN_TOKEN)).statusCode, 429, 'even the right token waits at that address')
  t.equal((await listClients(app, ADMIN_TOKEN, '198.51.100.1')).statusCode, 200, 'the administrator elsewhere is not locked out')
})

t.test('a right admin token uses up none of the attempts', async (t) => {
  const app = await build(t, { ADMIN_AUTH_MAX_FAILURES: '3' })
  const statuses: number[] = []
  for (let i = 0; i < 20; i++) statuses.push((await listClients(app, ADMIN_TOKEN)).statusCode)
  t.same(tally(statuses), { 200: 20 })

  await listClients(app, 'guess')
  await listClients(app, 'guess')
  t.equal((await listClients(app, 'guess')).statusCode, 401, 'three wrong tokens are still checked after them')
  t.equal((await listClients(app, 'guess')).statusCode, 429, 'and then the limit is reached')
})

t.test('a request without a token is refused but not counted', async (t) => {
  const app = await build(t, { ADMIN_AUTH_MAX_FAILURES: '3' })
  for (let i = 0; i < 5; i++) {
    const response = await app.inject({ method: 'GET', url: '/admin/clients', remoteAddress: '203.0.113.7' })
    t.equal(response.statusCode, 401)
  }
  t.equal((await listClients(app, ADMIN_TOKEN)).statusCode, 200)
})

for (const [store, env] of Object.entries(STORES)) {
  t.test(`with the ${store} store, 30 parallel wrong admin tokens over sockets: exactly 3 are answered 401`, async (t) => {
    const app = await build(t, { ADMIN_AUTH_MAX_FAILURES: '3', ...env })
    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    const statuses = await Promise.all(Array.from({ length: 30 }, async (_, i) =>
      (await fetch(`${url}/admin/clients`, { headers: { authorization: `Bearer guess-${i}` } })).status))
    t.same(tally(statuses), { 401: 3, 429: 27 })
  })
}

t.test('the admin token counts only as the whole credential of a Bearer header', async (t) => {
  const app = await build(t)
  const send = (authorization: string) => app.inject({ url: '/admin/clients', headers: { authorization } })
  t.equal((await send(`bearer ${ADMIN_TOKEN}`)).statusCode, 200, 'the scheme is case-insensitive')
  for (const authorization of [`xBearer ${ADMIN_TOKEN}`, `Basic bearer ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`, `Bearer x${ADMIN_TOKEN}`]) {
    const response = await send(authorization)
    t.equal(response.statusCode, 401, authorization.slice(0, 14))
    t.equal(response.headers['www-authenticate'], 'Bearer realm="admin"')
  }
})
