// Email verification: a link mailed over SMTP, used once, marks the address it was sent to verified, and userinfo and
// id_tokens say so; the token is stored only by its hash; an expired, used, malformed or oversized token, or one for an
// address the account no longer has, is a 400 page; new links are sent to a signed-in owner, a few an hour.
import { Redis } from 'ioredis'
import t from 'tap'
import { startTestSmtpServer } from '@keyhold/service-kit/testing'
import { issueMailedToken } from '../../src/accounts/mailed-tokens.js'
import { sha256 } from '../../src/crypto/hash.js'
import { authorize, REDIRECT_URI } from '../browser.js'
import { build, REDIS_URL } from '../helper.js'
import { formFields, holder, signedIn, submit } from '../account/support.js'
import { codeFlowTokens, createOidcClient, verifiedIdToken } from '../oidc/support.js'

const pathOf = (link: string) => { const url = new URL(link); return `${url.pathname}${url.search}` }
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!

t.test('the mailed link verifies the address once, and email_verified follows', async (t) => {
  const smtp = await startTestSmtpServer(t)
  const app = await build(t, { SMTP_URL: smtp.url })
  const user = await holder(app)
  const browser = await signedIn(app, user)

  const status = await browser.get('/verify-email')
  t.equal(status.statusCode, 200)
  t.match(status.body, 'is not verified yet')
  const sent = await submit(browser, '/verify-email', '/verify-email/resend')
  t.equal(sent.statusCode, 303)
  t.equal(sent.headers.location, '/verify-email?sent=1')
  t.match((await browser.get(sent.headers.location!)).body, `We sent a new link to ${user.email}`)

  const mail = await smtp.waitFor(user.email, { subject: /Verify your email address/ })
  t.equal(mail.links.length, 1)
  t.match(mail.links[0], `${app.config.issuer}/verify-email?token=`)
  t.match(mail.text, '24 hours')

  const opened = await app.inject({ method: 'GET', url: pathOf(mail.links[0]!) })
  t.equal(opened.statusCode, 200, 'no session needed: the link is the proof')
  t.match(opened.body, 'Email address verified')
  t.equal(opened.headers['cache-control'], 'no-store')
  t.equal(opened.headers['referrer-policy'], 'no-referrer', 'the token leaves with no Referer')
  t.match(await app.stores.users.find(user.id), { email: user.email, emailVerified: true })
  t.match((await browser.get('/verify-email')).body, 'is verified')

  const again = await app.inject({ method: 'GET', url: pathOf(mail.links[0]!) })
  t.equal(again.statusCode, 400, 'a second use fails')
  t.match(again.body, 'This link cannot be used')

  const client = await createOidcClient(app)
  const { body } = await codeFlowTokens(app, { browser, user }, client, { scope: 'openid email' })
  const userinfo = await app.inject({ url: '/userinfo', headers: { authorization: `Bearer ${body.access_token}` } })
  t.same(userinfo.json(), { sub: user.id, email: user.email, email_verified: true }, 'userinfo says it is verified')
  // An id_token carries the claims itself only when no access token comes with it (Core §5.4).
  const implicit = await createOidcClient(app, { grant_types: ['implicit'], response_types: ['id_token'], token_endpoint_auth_method: 'none' })
  const answer = await authorize(browser, user, { client_id: implicit.client_id, redirect_uri: REDIRECT_URI, scope: 'openid email', response_type: 'id_token', nonce: 'n0nce' })
  const idToken = new URLSearchParams(answer.hash.slice(1)).get('id_token')!
  t.match((await verifiedIdToken(app, idToken, implicit)).payload, { email: user.email, email_verified: true }, 'and so does the id_token')
})

t.test('only the hash of a token is stored', async (t) => {
  const smtp = await startTestSmtpServer(t)
  const app = await build(t, { SMTP_URL: smtp.url })
  const user = await holder(app)
  await submit(await signedIn(app, user), '/verify-email', '/verify-email/resend')
  const token = tokenOf((await smtp.waitFor(user.email)).links[0]!)

  const redis = new Redis(REDIS_URL)
  t.teardown(() => redis.quit())
  const keys = await redis.keys(`${app.config.redisPrefix}*`)
  t.ok(keys.includes(`${app.config.redisPrefix}account-token:verify-email:${sha256(token)}`), 'kept under its hash')
  const values = await Promise.all(keys.map(async (key) => (await redis.type(key)) === 'string' ? await redis.get(key) : ''))
  t.notOk([...keys, ...values].some((text) => text?.includes(token)), 'the token itself is nowhere in Redis')
})

t.test('a link for an address the account no longer has verifies nothing', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const token = await issueMailedToken(app, 'verify-email', { userId: user.id, email: user.email }, 60)
  await app.stores.users.update(user.id, { email: { address: 'new@example.org', key: 'new@example.org' } })
  const opened = await app.inject({ method: 'GET', url: `/verify-email?token=${token}` })
  t.equal(opened.statusCode, 400)
  t.match(await app.stores.users.find(user.id), { email: 'new@example.org', emailVerified: false }, 'the new address stays unverified')

  const back = await issueMailedToken(app, 'verify-email', { userId: user.id, email: 'NEW@example.org' }, 60)
  t.equal((await app.inject({ method: 'GET', url: `/verify-email?token=${back}` })).statusCode, 400, 'nor the same mailbox spelt otherwise')
})

t.test('an expired link is refused', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const token = await issueMailedToken(app, 'verify-email', { userId: user.id, email: user.email }, 1)
  await new Promise((resolve) => setTimeout(resolve, 1250))
  t.equal((await app.inject({ method: 'GET', url: `/verify-email?token=${token}` })).statusCode, 400)
  t.match(await app.stores.users.find(user.id), { emailVerified: false })
})

t.test('a reset token does not verify an address', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const token = await issueMailedToken(app, 'reset-password', { userId: user.id, email: user.email, passwordStamp: 'x' }, 60)
  t.equal((await app.inject({ method: 'GET', url: `/verify-email?token=${token}` })).statusCode, 400)
})

t.test('malformed, unknown and oversized tokens get a 400 page', async (t) => {
  const app = await build(t)
  for (const token of ['abc', 'A'.repeat(43), 'é'.repeat(43), '%00'.repeat(10), 'x'.repeat(5000)]) {
    const response = await app.inject({ method: 'GET', url: `/verify-email?token=${encodeURIComponent(token)}` })
    t.equal(response.statusCode, 400, token.slice(0, 20))
    t.match(response.headers['content-type'], 'text/html')
  }
  const twice = await app.inject({ method: 'GET', url: '/verify-email?token=a&token=b' })
  t.equal(twice.statusCode, 400, 'a repeated token')
})

t.test('new links: for a signed-in owner, with the form\'s CSRF token, a few per window', async (t) => {
  const app = await build(t, { EMAIL_VERIFICATION_MAX_RESENDS: '2' })
  const user = await holder(app)
  const stranger = await app.inject({ method: 'GET', url: '/verify-email' })
  t.equal(stranger.statusCode, 302, 'the status page asks a stranger to sign in')
  t.equal(stranger.headers.location, '/login?return_to=%2Fverify-email')

  const browser = await signedIn(app, user)
  const page = await browser.get('/verify-email')
  t.equal((await browser.post('/verify-email/resend', {})).statusCode, 403, 'no CSRF token')
  t.equal((await browser.post('/verify-email/resend', { _csrf: 'forged' })).statusCode, 403, 'a forged one')
  t.equal((await browser.post('/verify-email/resend', formFields(page, '/verify-email/resend'))).statusCode, 303)
  t.equal((await submit(browser, '/verify-email', '/verify-email/resend')).statusCode, 303)
  const third = await submit(browser, '/verify-email', '/verify-email/resend')
  t.equal(third.statusCode, 429, 'the third within the window is refused')
  t.ok(Number(third.headers['retry-after']) > 0)

  const other = await holder(app)
  t.equal((await submit(await signedIn(app, other), '/verify-email', '/verify-email/resend')).statusCode, 303, 'another account is not held back')
})
