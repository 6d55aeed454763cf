// TOTP codes: accepted one step either side of now and no further, each step once (nor any step before it), and of
// two submissions of one code at once only one passes.
import t, { type Test } from 'tap'
import { build } from '../helper.js'
import { holder, signedIn } from '../account/support.js'
import { checkTotp } from '../../src/factors/totp.js'
import type { User } from '../../src/storage/types.js'
import { codeFor, enrol } from './support.js'

async function enrolled (t: Test) {
  const app = await build(t)
  const account = await holder(app)
  const { secret } = await enrol(await signedIn(app, account), { steps: -1 })
  const user = (await app.stores.users.find(account.id)) as User
  return { app, user, secret }
}

t.test('a code one step either side of now is accepted; two steps away is not', async (t) => {
  const { app, user, secret } = await enrolled(t)
  const now = Date.now()
  t.notOk(await checkTotp(app, user, codeFor(secret, { ms: now, steps: 2 }), { now }), 'two steps ahead')
  t.notOk(await checkTotp(app, user, codeFor(secret, { ms: now, steps: -2 }), { now }), 'two steps behind')
  t.ok(await checkTotp(app, user, codeFor(secret, { ms: now, steps: 1 }), { now }), 'one step ahead')
  t.notOk(await checkTotp(app, user, codeFor(secret, { ms: now }), { now }), 'a step before the last accepted')
})

t.test('a step is accepted once', async (t) => {
  const { app, user, secret } = await enrolled(t)
  const code = codeFor(secret)
  t.ok(await checkTotp(app, user, code))
  t.notOk(await checkTotp(app, user, code), 'the same code again')
  t.notOk(await checkTotp(app, user, 'abcdef'))
  t.notOk(await checkTotp(app, user, '1234567'))
})

t.test('of two submissions of one code at once, one passes', async (t) => {
  const { app, user, secret } = await enrolled(t)
  const code = codeFor(secret)
  const results = await Promise.all(Array.from({ length: 8 }, () => checkTotp(app, user, code)))
  t.equal(results.filter(Boolean).length, 1)
})
