import t from 'tap'
import { build } from '../helper.js'
import { Browser, signIn, signUp } from '../browser.js'
import { createAccountClient, tokensFor } from './fixtures.js'

t.test('usernames are compared in their enforced form (RFC 8265) everywhere', async (t) => {
  const app = await build(t)
  const client = await createAccountClient(app)
  const kpa = await signUp(app, 'kpa-holder')

  t.test('the Kelvin sign does not sign in as k, neither by the password grant nor by the form', async (t) => {
    const kelvin = { username: '\u212Apa-holder', password: kpa.password }
    t.equal((await tokensFor(app, client, kelvin)).json().error, 'invalid_grant')
    const signedIn = await signIn(new Browser(app), kelvin)
    t.equal(signedIn.statusCode, 400)
    t.equal((await tokensFor(app, client, { ...kpa, username: 'KPA-Holder' })).statusCode, 200, 'case still does not matter')
    t.equal((await tokensFor(app, client, { ...kpa, username: '\uFF2BPA-Holder' })).statusCode, 200, 'nor does width')
  })

  t.test('nor can it be registered beside it', async (t) => {
    for (const username of ['\u212Apa-holder', 'KPA-HOLDER', '\uFF4Bpa-holder']) {
      const response = await app.inject({ method: 'POST', url: '/api/users', payload: { username, password: 'an unrelated passphrase' } })
      t.ok([400, 409].includes(response.statusCode), `${JSON.stringify(username)} → ${response.statusCode}`)
      t.equal(response.json().error, 'invalid_request')
    }
  })

  t.test('sign-in failures are counted under the enforced form', async (t) => {
    const throttled = await build(t, { LOGIN_MAX_FAILURES: '2' })
    const throttledClient = await createAccountClient(throttled)
    const user = await signUp(throttled, 'counted')
    for (const username of ['COUNTED', 'Counted']) await tokensFor(throttled, throttledClient, { username, password: 'wrong passphrase here' })
    t.equal((await tokensFor(throttled, throttledClient, user)).statusCode, 429)
  })
})
