// What a passkey ceremony refuses, each with a 4xx page and nothing stored or signed in: another origin or RP ID, a
// challenge used twice or shown to another browser, another account's user handle, a counter that goes back, no user
// verification, no CSRF token, and JSON that is malformed or too large. Failures count under the sign-in limit.
import t from 'tap'
import { Browser } from '../browser.js'
import { holder, signedIn } from '../account/support.js'
import { ceremonyOptions, formFields } from './authenticator.js'
import { addPasskey, authenticator, buildForPasskeys, holderWithPasskey, passkeySignIn } from './support.js'

t.test('adding a passkey refuses answers made for another site, without user verification, or twice', async (t) => {
  const app = await buildForPasskeys(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const device = authenticator()
  for (const [quirks, what] of [
    [{ origin: 'http://evil.localhost:4000' }, 'another origin'],
    [{ rpId: 'evil.example' }, 'another RP ID'],
    [{ userVerified: false }, 'no user verification'],
    [{ challenge: 'bm90IGlzc3VlZCBoZXJl' }, 'a challenge never issued']
  ] as const) {
    t.equal((await addPasskey(browser, (options) => device.register(options, quirks))).statusCode, 400, what)
  }
  const page = await browser.get('/account/passkeys')
  const fields = formFields(page.body, '/account/passkeys')
  const credential = device.register(ceremonyOptions(page.body))
  t.equal((await browser.post('/account/passkeys', { ...fields, credential })).statusCode, 303)
  t.equal((await browser.post('/account/passkeys', { ...fields, credential })).statusCode, 400, 'the same answer again')

  const other = await signedIn(app, await holder(app))
  const stolen = device.register(ceremonyOptions(page.body))
  t.equal((await other.post('/account/passkeys', { ...formFields((await other.get('/account/passkeys')).body, '/account/passkeys'), credential: stolen })).statusCode, 400,
    'a challenge shown to another browser and user')
  t.equal((await app.stores.passkeys.list(user.id)).length, 1, 'only the good answer was stored')
})

t.test('a passkey sign-in refuses every answer but the right one', async (t) => {
  const app = await buildForPasskeys(t)
  const { device } = await holderWithPasskey(app)
  const other = await holderWithPasskey(app)
  const refused = async (what: string, answer: (options: { challenge: string }) => string) => {
    const browser = new Browser(app)
    const response = await passkeySignIn(browser, answer)
    t.equal(response.statusCode, 400, what)
    t.match(response.body, 'could not be used')
    t.equal((await browser.get('/account')).statusCode, 302, 'and nobody is signed in')
  }
  await refused('another origin', (options) => device.assert(options, { origin: 'https://localhost.evil.example' }))
  await refused('another RP ID', (options) => device.assert(options, { rpId: 'evil.example' }))
  await refused('no user verification', (options) => device.assert(options, { userVerified: false }))
  await refused('a user handle naming another account', (options) => device.assert(options, { userHandle: Buffer.from(other.user.id).toString('base64url') }))
  t.equal((await passkeySignIn(new Browser(app), (options) => device.assert(options))).statusCode, 303, 'a good sign-in moves the counter to 1')
  await refused('a counter gone back', (options) => device.assert(options, { counter: 1 }))
  device.credentials.at(-1)!.counter = 100

  // One challenge, two answers: the second finds it used.
  const browser = new Browser(app)
  const page = await browser.get('/login/passkey')
  const fields = formFields(page.body, '/login/passkey')
  const options = ceremonyOptions(page.body)
  t.equal((await browser.post('/login/passkey', { ...fields, credential: device.assert(options) })).statusCode, 303)
  const thief = new Browser(app)
  const thiefFields = formFields((await thief.get('/login/passkey')).body, '/login/passkey')
  t.equal((await thief.post('/login/passkey', { ...thiefFields, credential: device.assert(options) })).statusCode, 400, 'a challenge shown to another browser')
  t.equal((await browser.post('/login/passkey', { ...formFields((await browser.get('/login/passkey')).body, '/login/passkey'), credential: device.assert(options) })).statusCode, 400, 'a challenge answered already')
})

t.test('no CSRF token, malformed or oversized JSON: a 4xx page, never a 500', async (t) => {
  const app = await buildForPasskeys(t)
  const { device, browser } = await holderWithPasskey(app)
  const page = await browser.get('/login/passkey')
  const fields = formFields(page.body, '/login/passkey')
  const answer = device.assert(ceremonyOptions(page.body))
  t.equal((await browser.post('/login/passkey', { credential: answer })).statusCode, 403, 'sign-in without a CSRF token')
  const add = formFields((await browser.get('/account/passkeys')).body, '/account/passkeys')
  t.equal((await browser.post('/account/passkeys', { name: 'x', credential: '{}' })).statusCode, 403, 'adding without a CSRF token')
  const malformed: Array<[string, string]> = [
    ['{"id":', 'truncated JSON'], ['[]', 'an array'], ['null', 'null'], ['{"id":"a","type":"public-key","response":{}}', 'no client data'],
    [JSON.stringify({ id: 'a', type: 'public-key', response: { clientDataJSON: 'e30', signature: 'AA' } }), 'client data without a challenge'],
    ['', 'nothing']
  ]
  for (const [credential, what] of malformed) {
    t.equal((await browser.post('/login/passkey', { ...fields, credential })).statusCode, 400, `sign-in with ${what}`)
    t.equal((await browser.post('/account/passkeys', { ...add, credential })).statusCode, 400, `adding with ${what}`)
  }
  const huge = JSON.stringify({ id: 'a', type: 'public-key', response: { clientDataJSON: 'A'.repeat(20_000) } })
  const tooLarge = await browser.post('/login/passkey', { ...fields, credential: huge })
  t.ok(tooLarge.statusCode >= 400 && tooLarge.statusCode < 500, `oversized JSON: ${tooLarge.statusCode}`)
})

t.test('failed passkey sign-ins count under the per-address sign-in limit', async (t) => {
  const app = await buildForPasskeys(t, { LOGIN_MAX_FAILURES_PER_ADDRESS: '2' })
  const { device } = await holderWithPasskey(app)
  const browser = new Browser(app, '203.0.113.9')
  for (let i = 0; i < 2; i++) t.equal((await passkeySignIn(browser, (options) => device.assert(options, { userVerified: false }))).statusCode, 400)
  const throttled = await passkeySignIn(browser, (options) => device.assert(options))
  t.equal(throttled.statusCode, 429, 'even the right passkey waits')
  t.ok(throttled.headers['retry-after'])
})
