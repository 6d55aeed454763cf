// The second step of a sign-in: after a right password an account with a second factor is not signed in yet; a TOTP
// or recovery code completes it (amr pwd+otp+mfa, acr 2). Codes are used once, wrong ones are throttled and end the
// pending sign-in, which is bound to its browser and its CSRF token.
import t from 'tap'
import { build } from '../helper.js'
import { isSignedIn, mailTo } from '../account/support.js'
import { Browser } from '../browser.js'
import { codeFor, enrolledUser, passwordStep, rowsOf, secondStep } from './support.js'

t.test('a password, then a TOTP code, signs in with two factors', async (t) => {
  const app = await build(t)
  const { user, secret } = await enrolledUser(app)
  const browser = new Browser(app)
  const first = await passwordStep(browser, user)
  t.equal(first.statusCode, 303)
  t.equal(first.headers.location, '/login/second-factor')
  t.notOk(await isSignedIn(browser), 'not signed in after the password alone')
  const page = await browser.get('/login/second-factor')
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, 'Code from your authenticator app')
  t.match(page.body, 'Or a recovery code')

  const done = await secondStep(browser, 'totp', codeFor(secret))
  t.equal(done.statusCode, 303)
  t.ok(await isSignedIn(browser))
  const sessions = await app.stores.sessions.listForUser(user.id)
  t.equal(sessions.length, 2, 'the enrolling browser\'s and this one')
  const session = sessions.find(({ record }) => record.amr?.includes('otp'))
  t.same(session?.record.amr, ['pwd', 'otp', 'mfa'])
  t.equal(session?.record.acr, '2')
  t.equal((await browser.get('/login/second-factor')).statusCode, 302, 'the pending sign-in is over')

  const other = new Browser(app)
  await passwordStep(other, user)
  const reused = await secondStep(other, 'totp', codeFor(secret))
  t.equal(reused.statusCode, 400, 'a code of a step already used is refused')
  t.notOk(await isSignedIn(other))
})

t.test('a recovery code signs in once; it is stored as a keyed hash', async (t) => {
  const app = await build(t)
  const { user, codes } = await enrolledUser(app)
  const rows = await rowsOf(app, 'recovery_codes', user.id)
  t.equal(rows.length, 10)
  for (const code of codes) t.notOk(rows.some((row) => JSON.stringify(row).includes(code) || JSON.stringify(row).includes(code.replace('-', ''))))

  const browser = new Browser(app)
  await passwordStep(browser, user)
  const used = await secondStep(browser, 'recovery-code', codes[0]!.toUpperCase().replace('-', ' '))
  t.equal(used.statusCode, 303, 'typed in capitals with a space, it is the same code')
  t.ok(await isSignedIn(browser))
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'A recovery code was used')

  const again = new Browser(app)
  await passwordStep(again, user)
  const second = await secondStep(again, 'recovery-code', codes[0]!)
  t.equal(second.statusCode, 400)
  t.match(second.body, 'not right, or was used already')
  t.notOk(await isSignedIn(again))
  const both = await Promise.all([1, 2].map(async () => {
    const racer = new Browser(app)
    await passwordStep(racer, user)
    return (await secondStep(racer, 'recovery-code', codes[1]!)).statusCode
  }))
  t.same(both.sort(), [303, 400], 'of two uses at once, one signs in')
})

t.test('wrong codes are throttled: at the limit the pending sign-in ends', async (t) => {
  const app = await build(t, { SECOND_FACTOR_MAX_FAILURES: '2' })
  const { user, secret, codes } = await enrolledUser(app)
  const browser = new Browser(app)
  await passwordStep(browser, user)
  t.equal((await secondStep(browser, 'totp', '000000' === codeFor(secret) ? '111111' : '000000')).statusCode, 400)
  const last = await secondStep(browser, 'recovery-code', 'aaaaa-aaaaa')
  t.equal(last.statusCode, 429, 'every kind counts')
  t.match(last.body, 'Too many wrong codes')
  t.equal((await browser.get('/login/second-factor')).statusCode, 302, 'the pending sign-in has ended')
  await passwordStep(browser, user)
  const right = await secondStep(browser, 'recovery-code', codes[0]!)
  t.equal(right.statusCode, 429, 'even a right code waits for the window')
  t.ok(right.headers['retry-after'])
  t.notOk(await isSignedIn(browser))
})

t.test('the pending sign-in is bound to its browser and its CSRF token', async (t) => {
  const app = await build(t)
  const { user, secret } = await enrolledUser(app)
  const victim = new Browser(app)
  await passwordStep(victim, user)
  const page = await victim.get('/login/second-factor')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!

  const attacker = new Browser(app)
  await passwordStep(attacker, (await enrolledUser(app)).user)
  attacker.cookies.set('keyhold_second_factor', victim.cookies.get('keyhold_second_factor')!)
  const stolen = await attacker.post('/login/second-factor', { _csrf: csrf, kind: 'totp', code: codeFor(secret) })
  t.equal(stolen.statusCode, 403, 'another browser\'s CSRF token is refused')
  const attackerPage = await attacker.get('/login/second-factor')
  t.equal(attackerPage.statusCode, 302, 'another browser\'s pending sign-in is no sign-in here')

  t.equal((await victim.post('/login/second-factor', { kind: 'totp', code: codeFor(secret) })).statusCode, 403, 'no CSRF token')
  victim.cookies.set('keyhold_second_factor', victim.cookies.get('keyhold_second_factor')!.replace(/^./, (c) => c === 'A' ? 'B' : 'A'))
  t.equal((await victim.get('/login/second-factor')).statusCode, 302, 'a forged pending sign-in is none')
  t.equal((await new Browser(app).get('/login/second-factor')).headers.location, '/login')
  t.notOk(await isSignedIn(victim))
})
