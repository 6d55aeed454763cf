// TOTP on /account/two-factor: enrolment shows a QR code and the secret, is active only once a first code confirms it,
// needs a recent sign-in and a CSRF token bound to the page; the secret is stored sealed; removal is mailed.
import t from 'tap'
import { build } from '../helper.js'
import { ageSignIns, formFields, holder, mailTo, signedIn } from '../account/support.js'
import { Browser } from '../browser.js'
import { secondFactorsOf } from '../../src/factors/second-factors.js'
import { codeFor, enrol, PAGE, recoveryCodesOn, rowsOf, secretOn } from './support.js'

t.test('a signed-in user enrols with a QR code and a first code, and gets ten recovery codes', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const empty = await browser.get(PAGE)
  t.equal(empty.statusCode, 200)
  t.match(empty.body, 'href="/account"', 'links back to the account page')
  t.match(empty.body, 'Set up an authenticator app')

  const started = await browser.post(PAGE, formFields(empty, PAGE, { action: 'start' }))
  t.equal(started.statusCode, 303)
  const page = await browser.get(PAGE)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, /<svg [^>]*viewBox/, 'the QR code is inline SVG, which the page policy allows')
  const secret = secretOn(page.body)
  t.match(secret, /^[A-Z2-7]{32}$/, '160 bits in base32')
  t.same(await secondFactorsOf(app, { id: user.id } as never), [], 'not a factor before its first code')

  const wrong = await browser.post(PAGE, formFields(page, PAGE, { action: 'confirm', code: '000000' === codeFor(secret) ? '111111' : '000000' }))
  t.equal(wrong.statusCode, 400)
  t.match(wrong.body, 'That code is not right')
  const confirmed = await browser.post(PAGE, formFields(page, PAGE, { action: 'confirm', code: codeFor(secret) }))
  t.equal(confirmed.statusCode, 200)
  t.equal(confirmed.headers['cache-control'], 'no-store')
  const codes = recoveryCodesOn(confirmed.body)
  t.equal(codes.length, 10)
  t.equal(new Set(codes).size, 10)
  t.same(await secondFactorsOf(app, { id: user.id } as never), ['totp', 'recovery-code'])
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'An authenticator app was set up')

  const [row] = await rowsOf(app, 'totp_factors', user.id)
  t.notMatch(row!.sealed_secret, secret, 'the secret is stored sealed')
  t.ok(row!.confirmed_at)
  const after = await browser.get(PAGE)
  t.notMatch(after.body, secret, 'the secret is not shown again')
  t.match(after.body, '10 of 10 recovery codes left')
  const again = await browser.post(PAGE, formFields(after, PAGE, { action: 'start' }))
  t.equal(again.statusCode, 409, 'a second app is not started over the first')
})

t.test('an older sign-in signs in again first; another page\'s or browser\'s CSRF token is refused', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const fields = formFields(await browser.get(PAGE), PAGE, { action: 'start' })
  await ageSignIns(app, user.id, 600)
  const stale = await browser.post(PAGE, fields)
  t.equal(stale.statusCode, 303)
  t.equal(stale.headers.location, '/login?return_to=%2Faccount%2Ftwo-factor')
  t.same(await rowsOf(app, 'totp_factors', user.id), [])

  const fresh = await signedIn(app, user)
  const other = await fresh.post(PAGE, formFields(await fresh.get('/account/password'), '/account/password', { action: 'start' }))
  t.equal(other.statusCode, 403, 'a token of another page')
  const stranger = await signedIn(app, await holder(app))
  const forged = await stranger.post(PAGE, formFields(await fresh.get(PAGE), PAGE, { action: 'start' }))
  t.equal(forged.statusCode, 403, 'a token of another browser')
  t.same(await rowsOf(app, 'totp_factors', user.id), [])
  t.equal((await new Browser(app).get(PAGE)).statusCode, 302, 'no page without a sign-in')
})

t.test('removing TOTP removes its recovery codes, and is mailed', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  await enrol(browser)
  const removed = await browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, { action: 'remove' }))
  t.equal(removed.statusCode, 303)
  t.match((await browser.get(removed.headers.location!)).body, 'The authenticator app is removed')
  t.same(await rowsOf(app, 'totp_factors', user.id), [])
  t.same(await rowsOf(app, 'recovery_codes', user.id), [])
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'authenticator app of your account was removed')
})

t.test('a cancelled enrolment leaves nothing; deleting the account takes its factors', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  await browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, { action: 'start' }))
  await browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, { action: 'cancel' }))
  t.same(await rowsOf(app, 'totp_factors', user.id), [])
  await enrol(browser)
  await app.db.deleteFrom('users').where('id', '=', user.id).execute()
  t.same(await rowsOf(app, 'totp_factors', user.id), [], 'ON DELETE CASCADE')
  t.same(await rowsOf(app, 'recovery_codes', user.id), [])
})
