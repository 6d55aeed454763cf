// Every throttle's 429 says in Retry-After how many whole seconds remain of the window its count opened, with each
// store: after a second has passed, less than the whole window, and never a value a client cannot read.
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createAccountClient } from '../accounts/fixtures.js'
import { basic, build, FORM, form } from '../helper.js'

const WINDOW = 60
const STORES = { Redis: {}, memory: { REDIS_URL: '' } }
const ADDRESS = '198.51.100.9'

function remaining (t: Test, response: { statusCode?: number, status?: number, headers: LightMyRequestResponse['headers'] | Headers }): void {
  t.equal(response.statusCode ?? response.status, 429)
  const header = response.headers instanceof Headers ? response.headers.get('retry-after') : response.headers['retry-after']
  t.match(header, /^[1-9][0-9]*$/, 'Retry-After is a number of seconds')
  t.ok(Number(header) < WINDOW, `a second into the window, less than the whole of it remains (${String(header)})`)
}

const clientCredentials = (app: FastifyInstance, id: string, secret: string) => app.inject({
  method: 'POST', url: '/token', remoteAddress: ADDRESS, headers: { ...FORM, authorization: basic(id, secret) }, payload: 'grant_type=client_credentials'
})

for (const [store, env] of Object.entries(STORES)) {
  t.test(`with the ${store} store`, async (t) => {
    const app = await build(t, {
      ...env,
      CLIENT_AUTH_MAX_FAILURES: '3',
      CLIENT_AUTH_FAILURE_WINDOW: String(WINDOW),
      ADMIN_AUTH_MAX_FAILURES: '3',
      ADMIN_AUTH_FAILURE_WINDOW: String(WINDOW),
      LOGIN_MAX_FAILURES_PER_ADDRESS: '3',
      LOGIN_FAILURE_WINDOW: String(WINDOW)
    })
    const sequential = await createAccountClient(app)
    const parallel = await createAccountClient(app)
    const passwordClient = await createAccountClient(app)
    const admin = (token: string) => app.inject({ url: '/admin/clients', remoteAddress: ADDRESS, headers: { authorization: `Bearer ${token}` } })
    const passwordGrant = (username: string) => app.inject({
      method: 'POST', url: '/token', remoteAddress: ADDRESS,
      headers: { ...FORM, authorization: basic(passwordClient.client_id, passwordClient.client_secret!) },
      payload: form({ grant_type: 'password', username, password: 'a guessed password' })
    })

    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    const overSocket = (secret: string) => fetch(`${url}/token`, {
      method: 'POST', headers: { ...FORM, authorization: basic(parallel.client_id, secret) }, body: 'grant_type=client_credentials'
    })

    // Each window opens with one wrong guess, a second before the rest.
    await clientCredentials(app, sequential.client_id, 'guess')
    await overSocket('guess')
    await admin('guess')
    await passwordGrant('someone-0')
    await sleep(1100)

    t.test('client secrets, one guess after another', async (t) => {
      for (let i = 0; i < 2; i++) await clientCredentials(app, sequential.client_id, 'guess')
      remaining(t, await clientCredentials(app, sequential.client_id, sequential.client_secret!))
    })

    t.test('client secrets, guesses at once that find the limit reached as they are counted', async (t) => {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => overSocket(`guess-${i}`)))
      const throttled = answers.filter((answer) => answer.status === 429)
      t.ok(throttled.length > 0)
      for (const answer of throttled) remaining(t, answer)
    })

    t.test('the admin token', async (t) => {
      for (let i = 0; i < 2; i++) await admin('guess')
      remaining(t, await admin('guess'))
    })

    t.test('the password grant', async (t) => {
      for (let i = 1; i < 3; i++) await passwordGrant(`someone-${i}`)
      remaining(t, await passwordGrant('someone-3'))
    })
  })
}
