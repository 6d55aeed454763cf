// The sign-in limits per address and per username and address: what each counts, and what a success gives back.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ClientWithSecret } from '@keyhold/contracts'
import { signUp } from '../browser.js'
import { basic, build, FORM, form } from '../helper.js'
import { createAccountClient } from './fixtures.js'

const ADDRESS = '198.51.100.7'

const passwordGrant = (app: FastifyInstance, client: ClientWithSecret, user: { username: string, password: string }, remoteAddress = ADDRESS) =>
  app.inject({
    method: 'POST', url: '/token', remoteAddress,
    headers: { ...FORM, authorization: basic(client.client_id, client.client_secret!) },
    payload: form({ grant_type: 'password', username: user.username, password: user.password })
  })

t.test('failures spread over many usernames from one address block that address', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' })
  const client = await createAccountClient(app)
  for (let i = 0; i < 4; i++) {
    const response = await passwordGrant(app, client, { username: `someone-${i}`, password: 'a guessed password' })
    t.equal(response.statusCode, 400, `failure ${i + 1}, on its own username`)
  }
  const carol = await signUp(app)
  const blocked = await passwordGrant(app, client, carol)
  t.equal(blocked.statusCode, 429, 'the address is blocked, even for a right password')
  t.ok(Number(blocked.headers['retry-after']) > 0, 'with Retry-After')
  t.equal((await passwordGrant(app, client, carol, '203.0.113.5')).statusCode, 200, 'another address is not')
})

t.test('a right password gives back the attempt it took', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '3' })
  const client = await createAccountClient(app)
  const dave = await signUp(app)
  const wrong = { ...dave, password: 'not the password' }
  const statuses = []
  for (const attempt of [wrong, wrong, dave, wrong, dave]) statuses.push((await passwordGrant(app, client, attempt)).statusCode)
  t.same(statuses, [400, 400, 200, 400, 429], 'the third wrong password is still checked, then the limit holds')
})
