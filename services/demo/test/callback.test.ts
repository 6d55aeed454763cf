// The authorization response is accepted only for this browser's pending request, from the expected issuer, once;
// refusals and failures end on a page, not in a token request.
import t, { type Test } from 'tap'
import { authorizeAtKeyhold, Browser, onDemo, type Page } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'

const keyhold = await startKeyhold(t)

const shows = (t: Test, page: Page, status: number, title: string) => {
  t.equal(page.status, status)
  t.match(page.body, `<h1 id="error-title">${title}</h1>`)
}

/** The callback URL with `changes` applied to its query (undefined removes a parameter). */
function changed (callback: URL, changes: Record<string, string | undefined>): string {
  const url = new URL(callback)
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) url.searchParams.delete(name)
    else url.searchParams.set(name, value)
  }
  return onDemo(url)
}

t.test('a state that is not this browser\'s pending one is refused before any token request', async (t) => {
  const { app, backChannel, user, browser } = await setup(t, keyhold)
  const own = await authorizeAtKeyhold(browser, user)
  const attacker = new Browser(app)
  const forged = await authorizeAtKeyhold(attacker, await keyhold.signUp())

  shows(t, await browser.get(onDemo(forged)), 400, 'This sign-in has expired')
  shows(t, await browser.get(changed(own, { state: undefined })), 400, 'This sign-in has expired')
  shows(t, await new Browser(app).get(onDemo(own)), 400, 'This sign-in has expired')
  t.same(backChannel.sent('/token'), [])

  t.equal((await browser.get(onDemo(own))).status, 303, 'a forged answer does not spoil the browser\'s own sign-in')
})

t.test('an authorization response is used once', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  const callback = onDemo(await authorizeAtKeyhold(browser, user))
  t.equal((await browser.get(callback)).status, 303)
  shows(t, await browser.get(callback), 400, 'This sign-in has expired')
  t.equal(backChannel.sent('/token').length, 1)
})

t.test('an iss other than the identity service\'s issuer, or none, is refused (RFC 9207)', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  for (const iss of [`${keyhold.issuer}/`, 'http://127.0.0.1:9', undefined]) {
    const callback = await authorizeAtKeyhold(browser, user)
    shows(t, await browser.get(changed(callback, { iss })), 400, 'Sign-in could not be completed')
    t.same(backChannel.sent('/token'), [], `iss ${iss}`)
  }
})

t.test('access_denied on the consent page shows a friendly page and asks for no token', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  const callback = await authorizeAtKeyhold(browser, user, 'deny')
  t.equal(callback.searchParams.get('error'), 'access_denied')
  const page = await browser.get(onDemo(callback))
  shows(t, page, 200, 'You did not allow access')
  t.match(page.body, 'id="try-again"')
  t.same(backChannel.sent('/token'), [])
  t.match((await browser.get('/')).body, 'id="sign-in"', 'still signed out')
})

t.test('other authorization errors show an error page without echoing the description', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  const callback = await authorizeAtKeyhold(browser, user)
  const page = await browser.get(changed(callback, { code: undefined, error: 'invalid_scope', error_description: '<script>x</script>' }))
  shows(t, page, 400, 'Sign-in could not be completed')
  t.notMatch(page.body, '<script>')
  t.same(backChannel.sent('/token'), [])
})

t.test('a code the identity service refuses ends on an error page, signed out', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  const callback = await authorizeAtKeyhold(browser, user)
  const page = await browser.get(changed(callback, { code: 'not-a-code-keyhold-issued' }))
  shows(t, page, 502, 'Sign-in could not be completed')
  t.match(page.body, 'Keyhold did not accept this sign-in')
  t.match(backChannel.exchanges.filter((e) => e.path === '/token').map((e) => e.answer), [{ status: 400, json: { error: 'invalid_grant' } }])
  t.match((await browser.get('/')).body, 'id="sign-in"')
})

t.test('an identity service that drops the connection ends on an error page', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  const callback = await authorizeAtKeyhold(browser, user)
  backChannel.handle('/token', async () => 'drop')
  shows(t, await browser.get(onDemo(callback)), 502, 'Keyhold is unavailable')
})

t.test('an identity service that cannot be reached is reported when the sign-in starts', async (t) => {
  const { browser } = await setup(t, keyhold, { AUTH_INTERNAL_URL: 'http://127.0.0.1:9', HTTP_TIMEOUT_MS: '1000' })
  shows(t, await browser.get('/sign-in'), 502, 'Keyhold is unavailable')
  t.same([...browser.cookies.keys()], [], 'and no session is started')
})
