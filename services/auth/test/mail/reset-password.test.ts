// Setting a new password from a reset link: the mailed link shows a form carrying its token, the policy applies, every
// session and grant of the account ends (clients told by back-channel logout), the owner is mailed; a link works once,
// expires, dies once the password changes, and a verification link, a malformed or an oversized token get a 400 page.
import t from 'tap'
import { eventually, startTestSmtpServer } from '@keyhold/service-kit/testing'
import { issueMailedToken } from '../../src/accounts/mailed-tokens.js'
import { randomToken, sha256 } from '../../src/crypto/hash.js'
import { Browser, hiddenFields, signIn } from '../browser.js'
import { basic, build, postForm } from '../helper.js'
import { receiver } from '../delivery/receiver.js'
import { codeFlowTokens, createOidcClient } from '../oidc/support.js'
import { formFields, holder, isSignedIn, mailTo, signedIn } from '../account/support.js'

const PAGE = '/reset-password'
const NEW_PASSWORD = 'a brand new passphrase of mine'
const FAST = { DELIVERY_POLL_INTERVAL_MS: '20', DELIVERY_RETRY_DELAYS_MS: '50,50,50' }
const pathOf = (link: string) => { const url = new URL(link); return `${url.pathname}${url.search}` }

/** The link mailed for `email` after asking on the forgot-password page. */
async function resetLink (browser: Browser, email: string, read: () => Promise<string>): Promise<string> {
  const form = await browser.get('/forgot-password')
  await browser.post('/forgot-password', { ...hiddenFields(form.body), email })
  return pathOf(await read())
}

async function setNew (browser: Browser, link: string, password = NEW_PASSWORD, confirmation = password) {
  const page = await browser.get(link)
  if (page.statusCode !== 200) return page
  return browser.post(PAGE, formFields(page, PAGE, { new_password: password, confirm_password: confirmation }))
}

t.test('a mailed link sets a new password and ends every session and grant of the account', async (t) => {
  const rp = await receiver(t)
  const smtp = await startTestSmtpServer(t)
  const app = await build(t, { SMTP_URL: smtp.url, ...FAST })
  const user = await holder(app)
  const client = await createOidcClient(app, { backchannel_logout_uri: `${rp.url}/bc` })
  const signedInBrowser = await signedIn(app, user)
  const { body: tokens } = await codeFlowTokens(app, { browser: signedInBrowser, user }, client)

  const browser = new Browser(app)
  const link = await resetLink(browser, user.email, async () => (await smtp.waitFor(user.email, { subject: /Set a new password/ })).links[0]!)
  const page = await browser.get(link)
  t.equal(page.statusCode, 200)
  t.equal(page.headers['cache-control'], 'no-store')
  t.equal(page.headers['referrer-policy'], 'no-referrer', 'the token leaves with no Referer')
  t.match(page.body, user.username)
  t.match(page.body, 'At least 15 characters')
  t.equal(formFields(page, PAGE).token, new URL(link, 'http://x').searchParams.get('token'), 'the token is carried in a hidden field')

  const done = await browser.post(PAGE, formFields(page, PAGE, { new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD }))
  t.equal(done.statusCode, 200)
  t.match(done.body, 'Your password is set')
  t.match(done.body, '<a href="/login">Sign in</a>')
  t.notOk(await isSignedIn(signedInBrowser), 'the signed-in browser is signed out')
  t.same(await app.stores.sessions.listForUser(user.id), [])
  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(refreshed.json().error, 'invalid_grant', 'the refresh token is refused')
  await eventually(async () => rp.received.length === 1)
  t.match(rp.received[0]!.body, /^logout_token=/, 'the client was told by back-channel logout')
  t.equal((await signIn(new Browser(app), user)).statusCode, 400, 'the old password no longer signs in')
  t.equal((await signIn(new Browser(app), { ...user, password: NEW_PASSWORD })).statusCode, 303, 'the new one does')
  const notice = await smtp.waitFor(user.email, { subject: /A change to your Keyhold account/ })
  t.match(notice.text, 'was reset with a link mailed to you')

  const again = await setNew(new Browser(app), link, 'yet another long passphrase')
  t.equal(again.statusCode, 400, 'the link works once')
  t.match(again.body, 'This link cannot be used')
  t.match(again.body, 'href="/forgot-password"')
})

t.test('a refused password is said on the form, and the link still works', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = new Browser(app)
  const link = await resetLink(browser, user.email, async () => (await mailTo(app, user.email)).at(-1)!.text.match(/http\S+/)![0])
  for (const [password, confirmation, said] of [
    ['short', 'short', 'At least 15 characters'],
    ['passwordpassword', 'passwordpassword', 'too common'],
    [NEW_PASSWORD, 'something else entirely', 'The two passwords differ'],
    ['', '', 'Enter a new password']
  ] as const) {
    const refused = await setNew(browser, link, password, confirmation)
    t.equal(refused.statusCode, 400, said)
    t.match(refused.body, said === 'At least 15 characters' ? 'The password must have at least 15 characters' : said)
    t.match(refused.body, 'Choose a new password', 'the form again')
  }
  t.equal((await setNew(browser, link)).statusCode, 200)
})

t.test('the form needs its own CSRF token', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = new Browser(app)
  const link = await resetLink(browser, user.email, async () => (await mailTo(app, user.email)).at(-1)!.text.match(/http\S+/)![0])
  const token = new URL(link, 'http://x').searchParams.get('token')!
  const fields = { token, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD }
  t.equal((await browser.post(PAGE, fields)).statusCode, 403)
  const other = await browser.get('/forgot-password')
  t.equal((await browser.post(PAGE, { ...hiddenFields(other.body), ...fields })).statusCode, 403, 'another form\'s token')
  t.equal((await setNew(browser, link)).statusCode, 200, 'the link was not used up')
})

t.test('a link dies once the password changes, and a reset ends every other link', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = new Browser(app)
  const read = async () => (await mailTo(app, user.email)).at(-1)!.text.match(/http\S+/)![0]
  const first = await resetLink(browser, user.email, read)
  const second = await resetLink(browser, user.email, read)
  t.not(first, second)
  t.equal((await setNew(browser, first)).statusCode, 200)
  t.equal((await browser.get(second)).statusCode, 400, 'the other link is void')

  const third = await resetLink(browser, user.email, read)
  await app.stores.users.update(user.id, { passwordHash: 'changed elsewhere' })
  t.equal((await browser.get(third)).statusCode, 400, 'a password changed since the link was sent')
})

t.test('expired, foreign, malformed and oversized tokens get a 400 page', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  // A link like the one mailed, but lasting a second.
  const mailed = new URL(await resetLink(new Browser(app), user.email, async () => (await mailTo(app, user.email)).at(-1)!.text.match(/http\S+/)![0]), 'http://x')
  const record = await app.stores.accountTokens.find('reset-password', sha256(mailed.searchParams.get('token')!))
  const expired = randomToken(32)
  await app.stores.accountTokens.save('reset-password', sha256(expired), record!, 1)
  t.equal((await app.inject({ url: `${PAGE}?token=${expired}` })).statusCode, 200, 'it works while it lasts')
  const verification = await issueMailedToken(app, 'verify-email', { userId: user.id, email: user.email }, 60)
  await new Promise((resolve) => setTimeout(resolve, 1250))
  for (const token of [expired, verification, 'abc', 'A'.repeat(43), '%00'.repeat(10), 'x'.repeat(5000)]) {
    const response = await app.inject({ url: `${PAGE}?token=${encodeURIComponent(token)}` })
    t.equal(response.statusCode, 400, token.slice(0, 20))
    t.match(response.headers['content-type'], 'text/html')
    t.notMatch(response.body, 'name="new_password"')
  }
  t.equal((await app.inject({ url: PAGE })).statusCode, 400, 'no token')
  t.equal((await app.inject({ url: `${PAGE}?token=a&token=b` })).statusCode, 400, 'a repeated token')
  t.match(await app.stores.users.find(user.id), { id: user.id })
})
