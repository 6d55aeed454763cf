// Over real sockets, with each store: of many parallel wrong passwords no more than LOGIN_MAX_FAILURES are
// checked, at the sign-in form and at the password grant alike; the rest are answered 429.
import t from 'tap'
import { hiddenFields, signUp } from '../browser.js'
import { basic, build, form, FORM } from '../helper.js'
import { createAccountClient } from './fixtures.js'

const STORES = { Redis: {}, memory: { REDIS_URL: '' } }
const PARALLEL = 30

const tally = (statuses: number[]): Record<number, number> =>
  statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {})

for (const [store, env] of Object.entries(STORES)) {
  t.test(`with the ${store} store and LOGIN_MAX_FAILURES=3`, async (t) => {
    const app = await build(t, { LOGIN_MAX_FAILURES: '3', ...env })
    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    const post = async (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      (await fetch(`${url}${path}`, { method: 'POST', redirect: 'manual', headers: { ...FORM, ...headers }, body: form(fields) })).status

    t.test('the sign-in form checks 3 of 30 parallel wrong passwords', async (t) => {
      const victim = await signUp(app)
      const page = await fetch(`${url}/login`)
      const cookie = page.headers.getSetCookie().map((set) => set.split(';')[0]).join('; ')
      const fields = { ...hiddenFields(await page.text()), username: victim.username }
      const statuses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) =>
        post('/login', { ...fields, password: `wrong password ${i}` }, { cookie })))
      t.same(tally(statuses), { 400: 3, 429: PARALLEL - 3 })
    })

    t.test('the password grant checks 3 of 30 parallel wrong passwords', async (t) => {
      const victim = await signUp(app)
      const client = await createAccountClient(app)
      const statuses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) =>
        post('/token', { grant_type: 'password', username: victim.username, password: `wrong password ${i}` },
          { authorization: basic(client.client_id, client.client_secret!) })))
      t.same(tally(statuses), { 400: 3, 429: PARALLEL - 3 })
    })
  })
}
