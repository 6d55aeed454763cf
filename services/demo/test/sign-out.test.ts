// Sign-out revokes the refresh and access tokens at the identity service and forgets the session.
import t from 'tap'
import { Browser, csrfOf, setup, signIn } from './helper.js'

t.test('revokes the refresh token, then the access token, and forgets the session', async (t) => {
  const { identity, app, browser } = await setup(t)
  await signIn(browser, identity)
  const [accessToken] = identity.accessTokens
  const cookie = browser.cookies.get('keyhold-demo')!
  const page = await browser.post('/sign-out', { _csrf: csrfOf(await browser.get('/')) })
  t.equal(page.status, 303)
  t.equal(page.location, '/')

  t.match(identity.revocations, [
    { token_type_hint: 'refresh_token', authorization: /^Basic / },
    { token: accessToken, token_type_hint: 'access_token', authorization: /^Basic / }
  ])
  t.notOk(browser.cookies.has('keyhold-demo'), 'the cookie is cleared')
  const replay = new Browser(app)
  replay.cookies.set('keyhold-demo', cookie)
  t.match((await replay.get('/')).body, 'id="sign-in"', 'the old cookie no longer opens the session')
})

t.test('signs out locally even when revocation fails', async (t) => {
  const { identity, browser } = await setup(t)
  await signIn(browser, identity)
  const csrf = csrfOf(await browser.get('/'))
  identity.failWith = { status: 503, error: 'temporarily_unavailable' }
  const page = await browser.post('/sign-out', { _csrf: csrf })
  t.equal(page.status, 303)
  t.equal(identity.revocations.length, 2, 'both revocations were tried')
  t.match((await browser.get('/')).body, 'id="sign-in"')
})
