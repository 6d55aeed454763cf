// A logout token from the identity service ends the demo's sessions it names (Back-Channel Logout §2.7): by sid the one
// sign-in, by sub alone every sign-in of that user; the answer is 200, uncached, and touches no cookie.
import t from 'tap'
import { Browser, signIn } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'
import { logoutToken, postLogout, signedInClaims } from './helpers/logout-token.js'

const keyhold = await startKeyhold(t)

const signedIn = async (browser: Browser) => (await browser.get('/')).body.includes('id="sign-out"')

t.test('a logout token naming a sid ends that sign-in only; the next page shows signed out', async (t) => {
  const { app, client, backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const otherBrowser = await signIn(new Browser(app), user)
  const [first, second] = signedInClaims(backChannel)
  t.ok(first?.sid, 'the id_token carries the identity service\'s session id')
  t.not(first!.sid, second!.sid, 'each browser has its own session at the identity service')

  const response = await postLogout(app, await logoutToken(keyhold, client.client_id, { claims: { sid: first!.sid, sub: user.id } }))
  t.equal(response.statusCode, 200)
  t.equal(response.headers['cache-control'], 'no-store')
  t.notOk(response.headers['set-cookie'], 'no cookie is set')

  t.notOk(await signedIn(browser), 'the browser of that sign-in is signed out')
  t.match((await browser.get('/')).body, 'id="sign-in"')
  t.ok(await signedIn(otherBrowser), 'the same user\'s other sign-in is not')
})

t.test('a logout token naming only a sub ends every sign-in of that user, and only theirs', async (t) => {
  const { app, client, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const sameUser = await signIn(new Browser(app), user)
  const otherUser = await signIn(new Browser(app), await keyhold.signUp())

  const response = await postLogout(app, await logoutToken(keyhold, client.client_id, { claims: { sub: user.id } }))
  t.equal(response.statusCode, 200)
  t.notOk(await signedIn(browser))
  t.notOk(await signedIn(sameUser))
  t.ok(await signedIn(otherUser))
})

t.test('a sid of another user ends nothing when the token names the user too', async (t) => {
  const { app, client, backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const [claims] = signedInClaims(backChannel)
  const response = await postLogout(app, await logoutToken(keyhold, client.client_id, { claims: { sid: claims!.sid, sub: 'someone-else' } }))
  t.equal(response.statusCode, 200)
  t.ok(await signedIn(browser))
})

t.test('a valid logout token for a session the demo does not have is answered 200', async (t) => {
  const { app, client } = await setup(t, keyhold)
  const response = await postLogout(app, await logoutToken(keyhold, client.client_id, { claims: { sid: 'a-session-long-gone' } }))
  t.equal(response.statusCode, 200)
})

t.test('the post needs no CSRF token and ignores the session cookie it may carry', async (t) => {
  const { app, client, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const response = await app.inject({
    method: 'POST',
    url: '/backchannel-logout',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `keyhold-demo=${browser.cookies.get('keyhold-demo')}` },
    payload: new URLSearchParams({ logout_token: await logoutToken(keyhold, client.client_id, { claims: { sid: 'unrelated' } }) }).toString()
  })
  t.equal(response.statusCode, 200)
  t.notOk(response.headers['set-cookie'])
  t.ok(await signedIn(browser), 'the cookie did not make the post end its session')
})

t.test('when the issuer\'s keys cannot be fetched the answer is 503, and a retry succeeds', async (t) => {
  const { app, client, backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const token = await logoutToken(keyhold, client.client_id, { claims: { sub: user.id } })
  backChannel.handle('/jwks.json', async () => 'drop')
  const unavailable = await postLogout(app, token)
  t.equal(unavailable.statusCode, 503)
  t.match(unavailable.json(), { error: 'temporarily_unavailable' })
  t.ok(await signedIn(browser), 'nothing ended')

  backChannel.handle('/jwks.json')
  t.equal((await postLogout(app, token)).statusCode, 200, 'the same token, retried, is accepted: it was not used')
  t.notOk(await signedIn(browser))
})
