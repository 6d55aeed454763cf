// Sign-out revokes the refresh and access tokens at the identity service and forgets the session.
import t from 'tap'
import type { Answer } from './helpers/back-channel.js'
import { Browser, csrfOf, signIn } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'

const keyhold = await startKeyhold(t)

t.test('revokes the refresh token, then the access token, and forgets the session', async (t) => {
  const { app, backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const { access_token: accessToken } = (backChannel.exchanges.find((e) => e.path === '/token')!.answer as Answer).json as Record<string, string>
  const cookie = browser.cookies.get('keyhold-demo')!
  const page = await browser.post('/sign-out', { _csrf: csrfOf(await browser.get('/')) })
  t.equal(page.status, 303)
  t.equal(page.location, '/')

  t.match(backChannel.sent('/revoke'), [
    { token_type_hint: 'refresh_token', authorization: /^Basic / },
    { token: accessToken, token_type_hint: 'access_token', authorization: /^Basic / }
  ])
  t.notOk(browser.cookies.has('keyhold-demo'), 'the cookie is cleared')
  const replay = new Browser(app)
  replay.cookies.set('keyhold-demo', cookie)
  t.match((await replay.get('/')).body, 'id="sign-in"', 'the old cookie no longer opens the session')
})

t.test('signs out locally even when revocation fails', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const csrf = csrfOf(await browser.get('/'))
  backChannel.handle('/revoke', async () => ({ status: 503, json: { error: 'temporarily_unavailable' } }))
  const page = await browser.post('/sign-out', { _csrf: csrf })
  t.equal(page.status, 303)
  t.equal(backChannel.sent('/revoke').length, 2, 'both revocations were tried')
  t.match((await browser.get('/')).body, 'id="sign-in"')
})
