// A stranger's failed sign-ins cannot lock an account's owner out; guessing one username from many addresses
// meets a ceiling that spares the addresses the owner signed in from.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ClientWithSecret } from '@keyhold/contracts'
import { Browser, signIn, signUp } from '../browser.js'
import { basic, build, FORM, form } from '../helper.js'
import { createAccountClient } from './fixtures.js'

const ALICE_ADDRESS = '203.0.113.5'
const STRANGER_ADDRESS = '198.51.100.7'

const passwordGrant = (app: FastifyInstance, client: ClientWithSecret, user: { username: string, password: string }, remoteAddress: string) =>
  app.inject({
    method: 'POST', url: '/token', remoteAddress,
    headers: { ...FORM, authorization: basic(client.client_id, client.client_secret!) },
    payload: form({ grant_type: 'password', username: user.username, password: user.password })
  })

t.test("a stranger's failures from another address do not stop the owner signing in from hers", async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '3' })
  const client = await createAccountClient(app)
  const alice = await signUp(app)
  const guesses = []
  for (let i = 0; i < 10; i++) guesses.push((await passwordGrant(app, client, { ...alice, password: `guess ${i}` }, STRANGER_ADDRESS)).statusCode)
  t.same(guesses, [400, 400, 400, 429, 429, 429, 429, 429, 429, 429], 'the stranger is stopped at the limit')
  t.equal((await passwordGrant(app, client, alice, STRANGER_ADDRESS)).statusCode, 429, 'even with the right password, from there')

  t.equal((await signIn(new Browser(app, ALICE_ADDRESS), alice)).statusCode, 303, 'alice signs in through the form')
  t.equal((await passwordGrant(app, client, alice, ALICE_ADDRESS)).statusCode, 200, 'and through the password grant')
})

t.test('guesses at one username from many addresses meet a ceiling that spares the owner’s own addresses', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_USERNAME: '6' })
  const client = await createAccountClient(app)
  const alice = await signUp(app)
  t.equal((await passwordGrant(app, client, alice, ALICE_ADDRESS)).statusCode, 200, 'alice signs in from her address once')

  const botnet = Array.from({ length: 3 }, (_, i) => `198.51.100.${10 + i}`)
  for (const address of botnet) {
    for (let i = 0; i < 2; i++) t.equal((await passwordGrant(app, client, { ...alice, password: `guess ${i}` }, address)).statusCode, 400)
  }
  const fresh = await passwordGrant(app, client, alice, '198.51.100.99')
  t.equal(fresh.statusCode, 429, 'from an address alice never used, even the right password waits')
  t.ok(Number(fresh.headers['retry-after']) > 0, 'with Retry-After')

  t.equal((await passwordGrant(app, client, alice, ALICE_ADDRESS)).statusCode, 200, 'from her own address alice still gets in')
  t.equal((await signIn(new Browser(app, ALICE_ADDRESS), alice)).statusCode, 303, 'through the form too')
  const bob = await signUp(app)
  t.equal((await passwordGrant(app, client, bob, '198.51.100.99')).statusCode, 200, 'the ceiling is alice’s alone')
})
