// Expired or rejected access tokens are refreshed once per session, storing the rotated refresh token;
// a refused refresh signs the user out.
import t from 'tap'
import { setup, signIn } from './helper.js'

const refreshes = (requests: Record<string, string>[]) => requests.filter((r) => r.grant_type === 'refresh_token')

t.test('a token near expiry is refreshed before use, once for parallel reads, and the rotated refresh token is kept', async (t) => {
  const { identity, browser } = await setup(t)
  identity.expiresIn = 10 // inside the refresh margin: every use refreshes
  await signIn(browser, identity)

  t.match((await browser.get('/')).body, 'Signed in as ada')
  const [first] = refreshes(identity.tokenRequests)
  t.equal(refreshes(identity.tokenRequests).length, 1, 'the profile and calls reads share one refresh')
  t.match(first, { grant_type: 'refresh_token', authorization: /^Basic / })

  t.match((await browser.get('/')).body, 'Signed in as ada')
  const [, second] = refreshes(identity.tokenRequests)
  t.ok(second)
  t.not(second!.refresh_token, first!.refresh_token, 'the rotated refresh token is used next')
})

t.test('a token the resource service rejects is refreshed and the call retried once', async (t) => {
  const { identity, resource, browser } = await setup(t)
  await signIn(browser, identity)
  identity.accessTokens.clear() // revoked or expired early at the identity service
  const home = await browser.get('/')
  t.match(home.body, 'Signed in as ada')
  t.equal(refreshes(identity.tokenRequests).length, 1)
  t.equal(resource.requests.filter((r) => r.url === '/api/me').length, 2)
})

t.test('a refused refresh signs the user out with a notice', async (t) => {
  const { identity, browser } = await setup(t)
  identity.expiresIn = 10
  await signIn(browser, identity)
  identity.failWith = { status: 400, error: 'invalid_grant' }
  const home = await browser.get('/')
  t.match(home.body, 'id="sign-in"')
  t.match(home.body, 'Your Keyhold session has ended')
  t.equal(refreshes(identity.tokenRequests).length, 1)
  t.match((await browser.get('/')).body, 'id="sign-in"', 'and stays signed out')
  t.equal(refreshes(identity.tokenRequests).length, 1)
})

t.test('an identity service that fails to refresh leaves the session signed in with a notice', async (t) => {
  const { identity, browser } = await setup(t)
  identity.expiresIn = 10
  await signIn(browser, identity)
  identity.failWith = { status: 503, error: 'temporarily_unavailable' }
  const home = await browser.get('/')
  t.equal(home.status, 200)
  t.match(home.body, 'id="resource-error"')
  t.match(home.body, 'id="sign-out"')
  identity.failWith = undefined
  t.match((await browser.get('/')).body, 'Signed in as ada', 'recovers on the next visit')
})
