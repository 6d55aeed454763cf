// Over real sockets, with each store: parallel guesses at a client secret learn no more answers than the limit,
// while a client's own parallel requests are never throttled by each other.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { basic, build, createClient, FORM } from '../helper.js'

const STORES = { Redis: {}, memory: { REDIS_URL: '' } }

const tally = (statuses: number[]): Record<number, number> =>
  statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {})

async function listening (app: FastifyInstance): Promise<(path: string, headers: Record<string, string>, body: string) => Promise<number>> {
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return async (path, headers, body) => (await fetch(`${url}${path}`, { method: 'POST', headers: { ...FORM, ...headers }, body })).status
}

for (const [store, env] of Object.entries(STORES)) {
  t.test(`with the ${store} store and CLIENT_AUTH_MAX_FAILURES=3`, async (t) => {
    const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '3', ...env })
    const post = await listening(app)
    const clientCredentials = (id: string, secret: string) =>
      post('/token', { authorization: basic(id, secret) }, 'grant_type=client_credentials')

    t.test('200 parallel wrong secrets: exactly 3 are answered 401, the rest 429', async (t) => {
      const client = await createClient(app)
      const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => clientCredentials(client.client_id, `guess-${i}`)))
      t.same(tally(statuses), { 401: 3, 429: 197 })
    })

    t.test('parallel wrong client_secret_post secrets are limited alike', async (t) => {
      const client = await createClient(app, { token_endpoint_auth_method: 'client_secret_post' })
      const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) =>
        post('/token', {}, new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: `guess-${i}` }).toString())))
      t.same(tally(statuses), { 401: 3, 429: 47 })
    })

    t.test('50 parallel requests with the right secret are all served', async (t) => {
      const client = await createClient(app)
      const statuses = await Promise.all(Array.from({ length: 50 }, () => clientCredentials(client.client_id, client.client_secret!)))
      t.same(tally(statuses), { 200: 50 })
    })
  })
}
