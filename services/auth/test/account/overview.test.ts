// The account overview: only for a signed-in browser, linking to every section, never cached, with a way to sign out.
import t from 'tap'
import { Browser, hiddenFields, signIn, signUp } from '../browser.js'
import { build } from '../helper.js'

t.test('a browser without a session is sent to sign in and come back', async (t) => {
  const app = await build(t)
  const response = await new Browser(app).get('/account')
  t.equal(response.statusCode, 302)
  t.equal(response.headers.location, '/login?return_to=%2Faccount')
})

t.test('the signed-in user sees who they are, every section, and can sign out', async (t) => {
  const app = await build(t)
  const user = await signUp(app)
  const browser = new Browser(app)
  await signIn(browser, user)

  const overview = await browser.get('/account')
  t.equal(overview.statusCode, 200)
  t.equal(overview.headers['cache-control'], 'no-store')
  t.match(overview.headers['content-security-policy'], /frame-ancestors 'none'/)
  t.match(overview.body, user.username)
  for (const section of ['profile', 'password', 'two-factor', 'passkeys', 'sessions', 'applications', 'delete']) {
    t.match(overview.body, `href="/account/${section}"`, `links to ${section}`)
  }

  const signedOut = await browser.post('/logout', hiddenFields(overview.body))
  t.equal(signedOut.statusCode, 303)
  t.equal((await browser.get('/account')).statusCode, 302, 'signed out')
})
