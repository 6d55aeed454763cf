// Passkeys end to end over inject, with a software authenticator making real attestations and assertions: added on the
// account page (recent sign-in, mailed), then a passwordless sign-in that meets the multi-factor level, inside an
// authorization request too; renamed and removed by their owner only.
import t from 'tap'
import { Browser, hiddenFields, requestIdOf, authorizeUrl, createWebClient, pkce, REDIRECT_URI } from '../browser.js'
import { ageSignIns, mailTo } from '../account/support.js'
import { formFields } from './authenticator.js'
import { buildForPasskeys, holderWithPasskey, passkeySignIn } from './support.js'

t.test('a passkey added on the account page signs its owner in without a password', async (t) => {
  const app = await buildForPasskeys(t)
  const { user, device } = await holderWithPasskey(app)
  const [listed] = await app.stores.passkeys.list(user.id)
  t.match(listed, { name: 'Laptop', transports: ['internal'], backupEligible: false, counter: 0 })
  t.match((await mailTo(app, user.email)).map((mail) => mail.text).join('\n'), /A passkey named "Laptop" was added/)

  const browser = new Browser(app)
  const signedIn = await passkeySignIn(browser, (options) => device.assert(options))
  t.equal(signedIn.statusCode, 303)
  t.equal(signedIn.headers.location, '/login')
  t.equal((await browser.get('/account')).statusCode, 200, 'the browser is signed in')
  const sessions = await app.stores.sessions.listForUser(user.id)
  t.ok(sessions.some(({ record }) => record.acr === '2' && record.amr?.join(' ') === 'hwk user mfa'), 'a multi-factor sign-in, hwk user mfa')
  t.match(await app.stores.passkeys.findByCredentialId(listed!.credentialId), { counter: 1, lastUsedAt: Date })
})

t.test('the page runs only the passkey script, and the sign-in page offers it', async (t) => {
  const app = await buildForPasskeys(t)
  const page = await new Browser(app).get('/login/passkey')
  t.match(page.headers['content-security-policy'], /script-src http:\/\/localhost:4000\/assets\/passkeys\.js$/)
  t.equal(page.headers['cache-control'], 'no-store')
  const script = await app.inject('/assets/passkeys.js')
  t.equal(script.statusCode, 200)
  t.match(script.headers['content-type'], /javascript/)
  t.match(script.body, 'SimpleWebAuthnBrowser')
  t.match((await new Browser(app).get('/login')).body, 'Sign in with a passkey')
})

t.test('a passkey sign-in answers the pending authorization request, as a password sign-in does', async (t) => {
  const app = await buildForPasskeys(t)
  const { device } = await holderWithPasskey(app)
  const client = await createWebClient(app)
  const browser = new Browser(app)
  const started = await browser.get(authorizeUrl({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read', state: 's', code_challenge: pkce().challenge, code_challenge_method: 'S256'
  }))
  const requestId = requestIdOf(started.headers.location)!
  const login = await browser.get(started.headers.location!)
  t.match(login.body, `action="/login/passkey"`)
  t.equal(hiddenFields(login.body.slice(login.body.indexOf('action="/login/passkey"'))).request_id, requestId, 'the button carries the request')
  const signedIn = await passkeySignIn(browser, (options) => device.assert(options), `?request_id=${requestId}`)
  t.equal(signedIn.statusCode, 303)
  t.equal(signedIn.headers.location, `/consent?request_id=${requestId}`)
})

t.test('renaming and removing: the owner only, removing after a recent sign-in, and a removed passkey signs no one in', async (t) => {
  const app = await buildForPasskeys(t)
  const { user, browser, device } = await holderWithPasskey(app)
  const other = await holderWithPasskey(app)
  const [mine] = await app.stores.passkeys.list(user.id)
  const page = await browser.get('/account/passkeys')
  t.match(page.body, 'Laptop')

  const foreign = (await app.stores.passkeys.list(other.user.id))[0]!
  t.equal((await browser.post('/account/passkeys/rename', { ...formFields(page.body, '/account/passkeys/rename'), id: foreign.id, name: 'Mine' })).statusCode, 404)
  t.equal((await browser.post('/account/passkeys/remove', { ...formFields(page.body, '/account/passkeys/remove'), id: foreign.id })).statusCode, 404)
  t.equal((await app.stores.passkeys.list(other.user.id)).length, 1, 'another user\'s passkey is untouched')

  const renamed = await browser.post('/account/passkeys/rename', { ...formFields(page.body, '/account/passkeys/rename'), name: 'Work laptop' })
  t.equal(renamed.headers.location, '/account/passkeys?done=renamed')
  t.equal((await app.stores.passkeys.list(user.id))[0]!.name, 'Work laptop')

  await ageSignIns(app, user.id, 10 * 60)
  const stale = await browser.post('/account/passkeys/remove', formFields((await browser.get('/account/passkeys')).body, '/account/passkeys/remove'))
  t.equal(stale.headers.location, '/login?return_to=%2Faccount%2Fpasskeys', 'removing asks for a fresh sign-in')
  t.match((await browser.get('/account/passkeys')).body, 'sign in again', 'and so does adding')
  t.equal((await app.stores.passkeys.list(user.id)).length, 1)

  await ageSignIns(app, user.id, -10 * 60)
  const removed = await browser.post('/account/passkeys/remove', formFields((await browser.get('/account/passkeys')).body, '/account/passkeys/remove'))
  t.equal(removed.headers.location, '/account/passkeys?done=removed')
  t.match((await mailTo(app, user.email)).map((mail) => mail.text).join('\n'), /The passkey named "Work laptop" was removed/)
  t.equal(await app.stores.passkeys.findByCredentialId(mine!.credentialId), undefined)
  t.equal((await passkeySignIn(new Browser(app), (options) => device.assert(options))).statusCode, 400, 'the removed passkey no longer signs in')
})
