// Sign-out forgets the session, revokes the refresh and access tokens, and sends the browser to the identity service's
// end_session_endpoint (RP-Initiated Logout) with the id_token, the client, the return address and a state that only
// this browser may bring back; without an end_session_endpoint the demo signs out alone.
import t from 'tap'
import type { Answer } from './helpers/back-channel.js'
import { Browser, csrfOf, signIn } from './helpers/browser.js'
import { DEMO_URL, setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'

const keyhold = await startKeyhold(t)

t.test('revokes the tokens, forgets the session and sends the browser to the end_session_endpoint', async (t) => {
  const { app, client, backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const { id_token: idToken, access_token: accessToken } = (backChannel.exchanges.find((e) => e.path === '/token')!.answer as Answer).json as Record<string, string>
  const cookie = browser.cookies.get('keyhold-demo')!
  const page = await browser.post('/sign-out', { _csrf: csrfOf(await browser.get('/')) })
  t.equal(page.status, 303)

  const location = new URL(page.location)
  t.equal(`${location.origin}${location.pathname}`, `${keyhold.issuer}/logout`)
  const query = Object.fromEntries(location.searchParams)
  t.same(Object.keys(query).sort(), ['client_id', 'id_token_hint', 'post_logout_redirect_uri', 'state'])
  t.match(query, { id_token_hint: idToken, client_id: client.client_id, post_logout_redirect_uri: `${DEMO_URL}/`, state: /^[A-Za-z0-9_-]{43}$/ })

  t.match(backChannel.sent('/revoke'), [
    { token_type_hint: 'refresh_token', authorization: /^Basic / },
    { token: accessToken, token_type_hint: 'access_token', authorization: /^Basic / }
  ])
  t.not(browser.cookies.get('keyhold-demo'), cookie, 'the session cookie is replaced')
  const replay = new Browser(app)
  replay.cookies.set('keyhold-demo', cookie)
  t.match((await replay.get('/')).body, 'id="sign-in"', 'the old cookie no longer opens the session')

  t.test('coming back with the state confirms the sign-out, once', async (t) => {
    const back = await browser.get(`/?state=${query.state}`)
    t.equal(back.status, 200)
    t.match(back.body, 'You are signed out of Keyhold and of this app.')
    t.match(back.body, 'id="sign-in"')
    t.notOk(browser.cookies.has('keyhold-demo'), 'the sign-out\'s own session is gone too')
    t.notMatch((await browser.get(`/?state=${query.state}`)).body, 'You are signed out of Keyhold', 'a state is good once')
  })
})

t.test('a return with a state this browser did not send confirms nothing', async (t) => {
  const { app, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const own = new URL((await browser.post('/sign-out', { _csrf: csrfOf(await browser.get('/')) })).location).searchParams.get('state')!
  const other = new Browser(app)
  await signIn(other, await keyhold.signUp())
  const foreign = new URL((await other.post('/sign-out', { _csrf: csrfOf(await other.get('/')) })).location).searchParams.get('state')!

  for (const state of [foreign, '', 'x'.repeat(43)]) {
    const page = await browser.get(`/?state=${encodeURIComponent(state)}`)
    t.equal(page.status, 200)
    t.notMatch(page.body, 'You are signed out of Keyhold', `state ${JSON.stringify(state.slice(0, 8))}`)
  }
  t.match((await browser.get(`/?state=${own}`)).body, 'You are signed out of Keyhold', 'the browser\'s own state still works')
})

t.test('signs out locally, and still goes to the end_session_endpoint, when revocation fails', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const csrf = csrfOf(await browser.get('/'))
  backChannel.handle('/revoke', async () => ({ status: 503, json: { error: 'temporarily_unavailable' } }))
  const page = await browser.post('/sign-out', { _csrf: csrf })
  t.equal(page.status, 303)
  t.match(page.location, `${keyhold.issuer}/logout?`)
  t.equal(backChannel.sent('/revoke').length, 2, 'both revocations were tried')
  t.match((await browser.get('/')).body, 'id="sign-in"')
})

t.test('without an end_session_endpoint in discovery, signs out here alone', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  backChannel.handle('/.well-known/openid-configuration', async (_request, forward) => {
    const answer = await forward()
    delete (answer.json as Record<string, unknown>).end_session_endpoint
    return answer
  })
  await signIn(browser, user)
  const page = await browser.post('/sign-out', { _csrf: csrfOf(await browser.get('/')) })
  t.equal(page.status, 303)
  t.equal(page.location, '/')
  t.equal(backChannel.sent('/revoke').length, 2, 'the tokens are revoked all the same')
  t.notOk(browser.cookies.has('keyhold-demo'))
  t.match((await browser.get('/')).body, 'id="sign-in"')
})
