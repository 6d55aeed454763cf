// Changing the password on the account page: proven by a recent sign-in or the current password, under the policy;
// every other session and every grant ends (clients told by back-channel logout), this browser stays signed in.
import t from 'tap'
import { eventually } from '@keyhold/service-kit/testing'
import { Browser, signIn } from '../browser.js'
import { basic, build, postForm } from '../helper.js'
import { receiver } from '../delivery/receiver.js'
import { codeFlowTokens, createOidcClient } from '../oidc/support.js'
import { ageSignIns, formFields, holder, isSignedIn, mailTo, signedIn } from './support.js'

const PAGE = '/account/password'
const NEW_PASSWORD = 'a brand new passphrase of mine'
const FAST = { DELIVERY_POLL_INTERVAL_MS: '20', DELIVERY_RETRY_DELAYS_MS: '50,50,50' }

const change = async (browser: Browser, fields: Record<string, string>) => browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, fields))

t.test('a new password ends every other session and every grant; this browser stays signed in', async (t) => {
  const rp = await receiver(t)
  const app = await build(t, FAST)
  const user = await holder(app)
  const client = await createOidcClient(app, { backchannel_logout_uri: `${rp.url}/bc` })
  const here = await signedIn(app, user)
  const there = await signedIn(app, user)
  const { body: tokens } = await codeFlowTokens(app, { browser: there, user }, client)

  const page = await here.get(PAGE)
  t.equal(page.headers['cache-control'], 'no-store')
  t.notMatch(page.body, 'name="current_password"', 'a recent sign-in is proof enough')
  t.match(page.body, 'At least 15 characters')
  const oldCookie = here.cookies.get('keyhold_session')
  const changed = await here.post(PAGE, formFields(page, PAGE, { new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD }))
  t.equal(changed.statusCode, 303)
  t.equal(changed.headers.location, `${PAGE}?done=changed`)
  t.not(here.cookies.get('keyhold_session'), oldCookie, 'this browser has a new session')
  t.match((await here.get(changed.headers.location!)).body, 'Your password has been changed')
  t.ok(await isSignedIn(here))
  t.notOk(await isSignedIn(there), 'the other browser is signed out')
  t.equal((await app.stores.sessions.listForUser(user.id)).length, 1)
  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(refreshed.json().error, 'invalid_grant', 'the grant has ended, offline_access or not')
  await eventually(async () => rp.received.length === 1)
  t.match(rp.received[0]!.body, /^logout_token=/, 'the client was told by back-channel logout')
  t.equal((await signIn(new Browser(app), user)).statusCode, 400, 'the old password no longer signs in')
  t.equal((await signIn(new Browser(app), { ...user, password: NEW_PASSWORD })).statusCode, 303, 'the new one does')
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'The password of your account was changed')
})

t.test('an older sign-in must give the current password, under the sign-in limits', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '2' })
  const user = await holder(app)
  const browser = await signedIn(app, user)
  await ageSignIns(app, user.id, 600)
  t.match((await browser.get(PAGE)).body, 'name="current_password"')
  const missing = await change(browser, { new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
  t.equal(missing.statusCode, 400)
  t.match(missing.body, 'Enter your current password')
  const wrong = await change(browser, { current_password: 'not my password at all', new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
  t.equal(wrong.statusCode, 403)
  t.match(wrong.body, 'The current password is incorrect')
  await change(browser, { current_password: 'not my password either', new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
  const throttled = await change(browser, { current_password: user.password, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
  t.equal(throttled.statusCode, 429, 'guessing is throttled as at sign-in')
  t.ok(throttled.headers['retry-after'])
  t.equal((await signIn(new Browser(app, '203.0.113.9'), user)).statusCode, 303, 'the password is unchanged')
})

t.test('the current password proves an older sign-in', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  await ageSignIns(app, user.id, 600)
  const changed = await change(browser, { current_password: user.password, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
  t.equal(changed.statusCode, 303)
  t.ok(await isSignedIn(browser))
})

t.test('the policy applies, and the two new passwords must agree', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const cases: Array<[Record<string, string>, string]> = [
    [{ new_password: 'too short', confirm_password: 'too short' }, 'at least 15 characters'],
    [{ new_password: 'passwordpassword', confirm_password: 'passwordpassword' }, 'too common'],
    [{ new_password: NEW_PASSWORD, confirm_password: `${NEW_PASSWORD}!` }, 'The two new passwords differ'],
    [{}, 'Enter a new password']
  ]
  for (const [fields, problem] of cases) {
    const response = await change(browser, fields)
    t.equal(response.statusCode, 400, problem)
    t.match(response.body, problem)
  }
  t.equal((await signIn(new Browser(app), user)).statusCode, 303, 'the password is unchanged')
  t.same(await mailTo(app, user.email), [])
})

t.test('a forged form or a signed-out browser changes nothing', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const fields = { new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD }
  t.equal((await browser.post(PAGE, fields)).statusCode, 403, 'no token')
  const foreign = formFields(await (await signedIn(app, await holder(app))).get(PAGE), PAGE)
  t.equal((await browser.post(PAGE, { ...foreign, ...fields })).statusCode, 403, "another browser's token")
  const signedOut = await new Browser(app).post(PAGE, fields)
  t.equal(signedOut.statusCode, 403, 'a browser without a session has no token to give')
  t.equal((await signIn(new Browser(app), user)).statusCode, 303, 'the password is unchanged')
})
