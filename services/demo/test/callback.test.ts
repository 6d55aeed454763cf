// The authorization response is accepted only for this browser's pending request, from the expected
// issuer, once; refusals and failures end on a page, not in a token request.
import t, { type Test } from 'tap'
import { Browser, buildDemo, callbackUrl, setup, type Page } from './helper.js'

async function startSignIn (browser: Browser) {
  const start = await browser.get('/sign-in')
  return { location: start.location, state: new URL(start.location).searchParams.get('state')! }
}

const shows = (t: Test, page: Page, status: number, title: string) => {
  t.equal(page.status, status)
  t.match(page.body, `<h1 id="error-title">${title}</h1>`)
}

t.test('a state that is not this browser\'s pending one is refused before any token request', async (t) => {
  const { identity, app, browser } = await setup(t)
  const victim = await startSignIn(browser)
  const attacker = new Browser(app)
  const attackerFlow = await startSignIn(attacker)
  const code = identity.authorize(attackerFlow.location)

  shows(t, await browser.get(callbackUrl({ code, state: attackerFlow.state, iss: identity.url })), 400, 'This sign-in has expired')
  shows(t, await browser.get(callbackUrl({ code, iss: identity.url })), 400, 'This sign-in has expired')
  shows(t, await new Browser(app).get(callbackUrl({ code, state: victim.state, iss: identity.url })), 400, 'This sign-in has expired')
  t.same(identity.tokenRequests, [])

  const own = await browser.get(callbackUrl({ code: identity.authorize(victim.location), state: victim.state, iss: identity.url }))
  t.equal(own.status, 303, 'a forged answer does not spoil the browser\'s own sign-in')
})

t.test('an authorization response is used once', async (t) => {
  const { identity, browser } = await setup(t)
  const flow = await startSignIn(browser)
  const url = callbackUrl({ code: identity.authorize(flow.location), state: flow.state, iss: identity.url })
  t.equal((await browser.get(url)).status, 303)
  shows(t, await browser.get(url), 400, 'This sign-in has expired')
  t.equal(identity.tokenRequests.length, 1)
})

t.test('an iss other than the identity service\'s issuer, or none, is refused (RFC 9207)', async (t) => {
  const variants = [(issuer: string) => `${issuer}/`, () => 'http://127.0.0.1:9', () => undefined]
  for (const variant of variants) {
    const { identity, browser } = await setup(t)
    const flow = await startSignIn(browser)
    const code = identity.authorize(flow.location)
    const iss = variant(identity.url)
    const page = await browser.get(callbackUrl({ code, state: flow.state, ...(iss && { iss }) }))
    shows(t, page, 400, 'Sign-in could not be completed')
    t.same(identity.tokenRequests, [], `iss ${iss}`)
  }
})

t.test('access_denied shows a friendly page and asks for no token', async (t) => {
  const { identity, browser } = await setup(t)
  const flow = await startSignIn(browser)
  const page = await browser.get(callbackUrl({ error: 'access_denied', state: flow.state, iss: identity.url }))
  shows(t, page, 200, 'You did not allow access')
  t.match(page.body, 'id="try-again"')
  t.same(identity.tokenRequests, [])
  t.match((await browser.get('/')).body, 'id="sign-in"', 'still signed out')
})

t.test('other authorization errors show an error page without echoing the description', async (t) => {
  const { identity, browser } = await setup(t)
  const flow = await startSignIn(browser)
  const page = await browser.get(callbackUrl({ error: 'invalid_scope', error_description: '<script>x</script>', state: flow.state, iss: identity.url }))
  shows(t, page, 400, 'Sign-in could not be completed')
  t.notMatch(page.body, '<script>')
  t.same(identity.tokenRequests, [])
})

t.test('a refused code exchange ends on an error page, signed out', async (t) => {
  const { identity, browser } = await setup(t)
  identity.failWith = { status: 400, error: 'invalid_grant' }
  const flow = await startSignIn(browser)
  const page = await browser.get(callbackUrl({ code: identity.authorize(flow.location), state: flow.state, iss: identity.url }))
  shows(t, page, 502, 'Sign-in could not be completed')
  t.equal(identity.tokenRequests.length, 1)
  t.match((await browser.get('/')).body, 'id="sign-in"')
})

t.test('an unreachable token endpoint ends on an error page', async (t) => {
  const { identity, resource } = await setup(t)
  const app = await buildDemo(t, identity, resource, { AUTH_INTERNAL_URL: 'http://127.0.0.1:9', HTTP_TIMEOUT_MS: '1000' })
  const browser = new Browser(app)
  const flow = await startSignIn(browser)
  const page = await browser.get(callbackUrl({ code: identity.authorize(flow.location), state: flow.state, iss: identity.url }))
  shows(t, page, 502, 'Keyhold is unavailable')
})
