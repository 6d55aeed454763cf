// Asking for a password reset link: the same status and page whether or not the address is an account's, a mail only
// to an account's address (sent off the request's path), limits per address typed, per client address (429 page) and
// per account (silent, so as to tell nothing), the form's own CSRF token, and only the link's hash in Redis.
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { Redis } from 'ioredis'
import t from 'tap'
import { startTestSmtpServer } from '@keyhold/service-kit/testing'
import { sha256 } from '../../src/crypto/hash.js'
import { Browser, hiddenFields } from '../browser.js'
import { build, REDIS_URL } from '../helper.js'
import { holder, mailTo } from '../account/support.js'

const PAGE = '/forgot-password'

async function ask (browser: Browser, email: string) {
  const form = await browser.get(PAGE)
  return browser.post(PAGE, { ...hiddenFields(form.body), email })
}

t.test('the form is linked from the sign-in page and is not cached', async (t) => {
  const app = await build(t)
  t.match((await app.inject({ url: '/login' })).body, '<a href="/forgot-password">Forgot your password?</a>')
  const page = await app.inject({ url: PAGE })
  t.equal(page.statusCode, 200)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, `<form method="post" action="${PAGE}">`)
})

t.test('a known and an unknown address get the same answer; only the account is mailed', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const known = await ask(new Browser(app), user.email.toUpperCase())
  const unknown = await ask(new Browser(app), 'nobody@example.com')
  t.equal(known.statusCode, 200)
  t.equal(unknown.statusCode, known.statusCode, 'the same status')
  t.equal(unknown.body, known.body, 'the same page')
  t.match(known.body, 'Check your inbox')
  t.same(Object.keys(unknown.headers).sort(), Object.keys(known.headers).sort(), 'the same headers')
  t.same(await mailTo(app, 'nobody@example.com'), [], 'no mail to an address of no account')
  const mails = await mailTo(app, user.email)
  t.equal(mails.length, 1, 'the account is mailed, at its own spelling of the address')
  t.match(mails[0], { subject: 'Set a new password for your Keyhold account' })
  t.match(mails[0]!.text, `${app.config.issuer}/reset-password?token=`)
  t.match(mails[0]!.text, '30 minutes')
})

t.test('the mail leaves off the request\'s path: a mail server that never answers delays neither answer', async (t) => {
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => { sockets.add(socket) })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { for (const socket of sockets) socket.destroy(); silent.close() })
  const app = await build(t, { SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}` })
  const user = await holder(app)
  for (const email of [user.email, 'nobody@example.com']) {
    const started = Date.now()
    t.equal((await ask(new Browser(app), email)).statusCode, 200)
    t.ok(Date.now() - started < 2000, `${email} answered at once`)
  }
})

t.test('a limit per address typed, known or not → 429 page', async (t) => {
  const app = await build(t, { PASSWORD_RESET_MAX_PER_EMAIL: '2' })
  const user = await holder(app)
  for (const email of [user.email, 'nobody@example.com']) {
    for (let i = 0; i < 2; i++) t.equal((await ask(new Browser(app, `198.51.100.${i + 1}`), email)).statusCode, 200)
    const refused = await ask(new Browser(app, '198.51.100.9'), email.toUpperCase())
    t.equal(refused.statusCode, 429, `${email}: from another client too, in another case`)
    t.match(refused.body, 'too often')
    t.ok(Number(refused.headers['retry-after']) > 0)
  }
  t.equal((await mailTo(app, user.email)).length, 2)
})

t.test('a limit per client address → 429 page', async (t) => {
  const app = await build(t, { PASSWORD_RESET_MAX_PER_ADDRESS: '2' })
  const browser = new Browser(app, '198.51.100.20')
  t.equal((await ask(browser, 'one@example.com')).statusCode, 200)
  t.equal((await ask(browser, 'two@example.com')).statusCode, 200)
  t.equal((await ask(browser, 'three@example.com')).statusCode, 429)
  t.equal((await ask(new Browser(app, '198.51.100.21'), 'three@example.com')).statusCode, 200, 'another client is not held back')
})

t.test('a limit per account: past it the answer stays the same, and no more mail is sent', async (t) => {
  const app = await build(t, { PASSWORD_RESET_MAX_PER_ACCOUNT: '1' })
  const user = await holder(app)
  const first = await ask(new Browser(app), user.email)
  // A new address for the account, so that the limit per address typed is not what holds it back.
  await app.stores.users.update(user.id, { email: { address: 'moved@example.com', key: 'moved@example.com' } })
  const second = await ask(new Browser(app), 'moved@example.com')
  t.equal(second.statusCode, 200)
  t.equal(second.body, first.body, 'nothing says the account was asked for already')
  t.equal((await mailTo(app, user.email)).length, 1)
  t.same(await mailTo(app, 'moved@example.com'), [], 'no second link')
})

t.test('bad input and a missing or foreign CSRF token', async (t) => {
  const app = await build(t)
  const browser = new Browser(app)
  const bad = await ask(browser, 'not an address')
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'Enter a valid email address')
  t.equal((await ask(browser, 'x'.repeat(300))).statusCode, 400, 'an oversized address')
  const none = await browser.post(PAGE, { email: 'a@example.com' })
  t.equal(none.statusCode, 403)
  t.match(none.body, 'This form has expired')
  const login = await browser.get('/login')
  t.equal((await browser.post(PAGE, { ...hiddenFields(login.body), email: 'a@example.com' })).statusCode, 403, 'another form\'s token')
})

t.test('only the hash of a link\'s token is kept in Redis', async (t) => {
  const smtp = await startTestSmtpServer(t)
  const app = await build(t, { SMTP_URL: smtp.url })
  const user = await holder(app)
  await ask(new Browser(app), user.email)
  const token = new URL((await smtp.waitFor(user.email, { subject: /Set a new password/ })).links[0]!).searchParams.get('token')!
  const redis = new Redis(REDIS_URL)
  t.teardown(() => redis.quit())
  const keys = await redis.keys(`${app.config.redisPrefix}*`)
  t.ok(keys.includes(`${app.config.redisPrefix}account-token:reset-password:${sha256(token)}`), 'kept under its hash')
  const values = await Promise.all(keys.map(async (key) => (await redis.type(key)) === 'string' ? await redis.get(key) : ''))
  t.notOk([...keys, ...values].some((text) => text?.includes(token)), 'the token itself is nowhere in Redis')
  t.notOk([...keys, ...values].some((text) => text?.includes(user.email)), 'nor the address typed')
  const ttl = await redis.ttl(`${app.config.redisPrefix}account-token:reset-password:${sha256(token)}`)
  t.ok(ttl > 1790 && ttl <= 1800, 'for 30 minutes')
})
