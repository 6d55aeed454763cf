// The sign-up page: the form shows the password rules; a new account is signed in and mailed a verification link; a
// taken username is said on the form, a taken email address is not (its owner is mailed); refused passwords and bad
// input are said on the form; the form needs its own CSRF token; attempts are limited per client address.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { authorizeUrl, Browser, createWebClient, hiddenFields, REDIRECT_URI, requestIdOf } from '../browser.js'
import { build } from '../helper.js'
import { holder, isSignedIn, mailTo } from '../account/support.js'

const PASSWORD = 'a long enough password'
const fresh = () => `user${randomBytes(4).toString('hex')}`

async function signUp (browser: Browser, fields: Record<string, string>, page = '/signup') {
  const form = await browser.get(page)
  return browser.post('/signup', { ...hiddenFields(form.body), ...fields })
}

const usersNamed = async (app: FastifyInstance, username: string) =>
  app.db.selectFrom('users').select('id').where('username', '=', username).execute()

t.test('the form: linked from the sign-in page, the password rules shown, not cached', async (t) => {
  const app = await build(t)
  t.match((await app.inject({ url: '/login' })).body, '<a href="/signup">Create an account</a>')
  const page = await app.inject({ url: '/signup' })
  t.equal(page.statusCode, 200)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, '<form method="post" action="/signup">')
  t.match(page.body, 'At least 15 characters')
  t.match(page.body, 'a common password is refused')
  t.match(page.body, 'name="_csrf"')
})

t.test('a new account is signed in, mailed a verification link, and sent on to its account page', async (t) => {
  const app = await build(t)
  const browser = new Browser(app)
  const username = fresh()
  const email = `${username}@example.com`
  const done = await signUp(browser, { username, email, password: PASSWORD })
  t.equal(done.statusCode, 200)
  t.match(done.body, 'Check your inbox')
  t.match(done.body, `<a href="/account">Continue</a>`)
  t.ok(await isSignedIn(browser), 'signed in')
  t.match(await app.stores.users.findCredentials(username), { user: { username, email, emailVerified: false } })
  const mails = await mailTo(app, email)
  t.equal(mails.length, 1)
  t.match(mails[0], { subject: 'Verify your email address' })
  t.match(mails[0]!.text, `${app.config.issuer}/verify-email?token=`)
})

t.test('a taken username is said on the form, which keeps what was typed but the password', async (t) => {
  const app = await build(t)
  const taken = await holder(app)
  const email = `${fresh()}@example.com`
  const response = await signUp(new Browser(app), { username: taken.username.toUpperCase(), email, password: PASSWORD })
  t.equal(response.statusCode, 409)
  t.match(response.body, 'That username is taken')
  t.match(response.body, `value="${email}"`)
  t.notMatch(response.body, PASSWORD)
  t.same(await mailTo(app, email), [], 'nothing is mailed')
})

t.test('a taken email address is not revealed: the same page, no account, and its owner is mailed', async (t) => {
  const app = await build(t)
  const owner = await holder(app)
  const other = fresh()
  const intruder = new Browser(app)
  const taken = await signUp(intruder, { username: fresh(), email: owner.email.toUpperCase(), password: PASSWORD })
  const free = await signUp(new Browser(app), { username: other, email: owner.email.toUpperCase().replace('@', '.NEW@'), password: PASSWORD })
  t.equal(taken.statusCode, free.statusCode)
  t.equal(taken.body, free.body.replace('.NEW@', '@'), 'the same page')
  t.notOk(await isSignedIn(intruder), 'no account, so no session')
  const mails = await mailTo(app, owner.email.toUpperCase())
  t.equal(mails.length, 1)
  t.match(mails[0], { subject: 'Someone tried to create a Keyhold account with your address' })
  t.match(mails[0]!.text, '/forgot-password')
  t.notMatch(mails[0]!.text, 'token=', 'and nothing to act on in it')
})

t.test('bad input is said on the form', async (t) => {
  const app = await build(t)
  const cases: Array<[Record<string, string>, number, string]> = [
    [{ username: fresh(), email: 'x@example.com', password: 'short' }, 400, 'at least 15 characters'],
    [{ username: fresh(), email: 'x@example.com', password: 'passwordpassword' }, 400, 'too common'],
    [{ username: 'no spaces', email: 'x@example.com', password: PASSWORD }, 400, 'The username is not valid'],
    [{ username: fresh(), email: 'not an address', password: PASSWORD }, 400, 'Enter a valid email address'],
    [{ username: fresh(), password: PASSWORD }, 400, 'Enter a username, your email address and a password'],
    [{ username: fresh(), email: 'x@example.com', password: 'p'.repeat(2000) }, 400, 'This request cannot be completed']
  ]
  for (const [fields, status, said] of cases) {
    const response = await signUp(new Browser(app), fields)
    t.equal(response.statusCode, status, said)
    t.match(response.body, said)
    t.match(response.headers['content-type'], 'text/html')
  }
  t.same(await usersNamed(app, 'no spaces'), [])
})

t.test('the form needs its own CSRF token', async (t) => {
  const app = await build(t)
  const browser = new Browser(app)
  const fields = { username: fresh(), email: 'csrf@example.com', password: PASSWORD }
  const none = await browser.post('/signup', fields)
  t.equal(none.statusCode, 403)
  t.match(none.body, 'This form has expired')
  const login = await browser.get('/login')
  const other = await browser.post('/signup', { ...hiddenFields(login.body), ...fields })
  t.equal(other.statusCode, 403, 'the sign-in form\'s token is not this form\'s')
  t.same(await usersNamed(app, fields.username), [])
})

t.test('sign-ups are limited per client address', async (t) => {
  const app = await build(t, { SIGNUP_RATE_LIMIT: '2' })
  const from = new Browser(app, '203.0.113.7')
  for (let i = 0; i < 2; i++) {
    const username = fresh()
    t.equal((await signUp(from, { username, email: `${username}@example.com`, password: PASSWORD })).statusCode, 200)
  }
  const username = fresh()
  const refused = await signUp(from, { username, email: `${username}@example.com`, password: PASSWORD })
  t.equal(refused.statusCode, 429)
  t.match(refused.body, 'Too many accounts')
  t.ok(Number(refused.headers['retry-after']) > 0)
  t.same(await usersNamed(app, username), [], 'no account')
  const elsewhere = await signUp(new Browser(app, '203.0.113.8'), { username, email: `${username}@example.com`, password: PASSWORD })
  t.equal(elsewhere.statusCode, 200, 'another address is not held back')
})

t.test('a sign-up from the sign-in page of an authorization request continues to it', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const browser = new Browser(app)
  const started = await browser.get(authorizeUrl({ response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }))
  const requestId = requestIdOf(started.headers.location)!
  const login = await browser.get(started.headers.location!)
  const link = `/signup?${new URLSearchParams({ request_id: requestId })}`
  t.match(login.body, `<a href="${link.replace(/&/g, '&amp;')}">Create an account</a>`)
  const username = fresh()
  const done = await signUp(browser, { username, email: `${username}@example.com`, password: PASSWORD }, link)
  t.equal(done.statusCode, 200)
  const next = `/consent?${new URLSearchParams({ request_id: requestId })}`
  t.match(done.body, `<a href="${next}">Continue</a>`)
  const consent = await browser.get(next)
  t.equal(consent.statusCode, 200)
  t.match(consent.body, 'Allow Ship Tracker to use your account?')
})
