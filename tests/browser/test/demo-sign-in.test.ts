// The demo client, the identity service and the resource service, all real, driven by a real browser:
// a user allows the demo access, sees their name and email, uses it and signs out of both, signing out at
// Keyhold signs the demo out too, and a user who denies access is told so kindly.
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import t from 'tap'
import { launchBrowser, openPage, screenshot, text } from './browser.js'
import { startStack, type Stack } from './stack.js'

const PASSWORD = 'violet tugboat measures the harbour'
const stack = await startStack(t)
const browser = await launchBrowser(t)

/** Signs a new user up, starts at the demo's welcome page and signs in on Keyhold's page; the consent page is next. */
async function signInThroughKeyhold (page: Page, stack: Stack, run?: string): Promise<string> {
  const username = `user${randomBytes(4).toString('hex')}`
  await stack.signUp(username, PASSWORD, { name: 'Ada Lovelace', email: `${username}@example.com` })
  await page.goto(stack.demoUrl)
  await page.click('#sign-in')
  await page.waitForURL(`${stack.authUrl}/login?**`)
  if (run) await screenshot(page, run, 'login')
  await page.fill('#username', username)
  await page.fill('#password', PASSWORD)
  await page.click('button[type=submit]')
  await page.locator('button[name=decision]').first().waitFor()
  return username
}

t.test('a user signs in through Keyhold, allows access, starts and ends a call, and signs out', async (t) => {
  const page = await openPage(t, browser)
  const username = await signInThroughKeyhold(page, stack, 'sign-in')

  t.equal(await text(page, 'h1'), 'Allow Keyhold demo to use your account?', 'the consent page names the demo')
  t.same(await page.locator('ul li').allTextContents(), [
    'Know who you are: an identifier for your account here (openid)',
    'Your email address and whether it is verified: email, email_verified (email)',
    'Your name and username, and when you last changed them: name, given_name, family_name, preferred_username, updated_at (profile)',
    'Make phone calls and see your calls (calls)'
  ], 'and the scopes it asks for, each in the words of the API that defines it')
  await screenshot(page, 'sign-in', 'consent')
  await page.click('button[name=decision][value=allow]')

  await page.waitForURL(`${stack.demoUrl}/`)
  t.equal(await text(page, '#welcome'), `Signed in as ${username}`)
  t.equal(await text(page, '#profile-username'), username, 'the profile comes from the resource service')
  t.equal(await text(page, '#profile-scope'), 'openid email profile calls', 'with the scope the user granted')
  t.equal(await text(page, '#identity-name'), 'Ada Lovelace', 'the name from Keyhold\'s userinfo')
  t.equal(await text(page, '#identity-email'), `${username}@example.com`, 'and the email')
  t.ok(await page.locator('#no-calls').isVisible(), 'a new user has no calls')
  const cookies = await page.context().cookies()
  t.notOk(cookies.some((cookie) => decodeURIComponent(cookie.value).includes('eyJ')), 'no access token (a JWT) reaches the browser')

  await page.fill('#number', '+14155550100')
  await page.click('#start-call')
  const call = page.locator('li.call')
  await call.waitFor()
  t.equal(await call.count(), 1, 'the started call is listed')
  t.equal(await call.locator('.call-number').textContent(), '+14155550100')
  t.match(await call.getAttribute('data-call-id'), /^[0-9a-f-]{36}$/, 'under the id the resource service gave it')
  t.ok(await page.locator('#notice').isVisible(), 'and a notice says what happened')
  await screenshot(page, 'sign-in', 'signed-in')

  await call.locator('button.end-call').click()
  await page.locator('#no-calls').waitFor()
  t.equal(await call.count(), 0, 'the ended call is no longer ongoing')

  // RP-initiated logout: the demo signs out, then sends the browser to Keyhold to sign out there too; the id_token of
  // this very session proves the request, so Keyhold asks nothing and sends it back with the demo's state.
  const logoutRequest = page.waitForRequest((request) => request.url().startsWith(`${stack.authUrl}/logout?`))
  await page.click('#sign-out')
  const logout = new URL((await logoutRequest).url()).searchParams
  t.ok(logout.get('id_token_hint') && logout.get('state'), 'Keyhold is told whose sign-in ended, with a state')
  t.equal(logout.get('post_logout_redirect_uri'), `${stack.demoUrl}/`)
  await page.locator('#sign-in').waitFor()
  t.equal(new URL(page.url()).origin + new URL(page.url()).pathname, `${stack.demoUrl}/`, 'signing out lands on the welcome page')
  t.equal(await text(page, '#notice'), 'You are signed out of Keyhold and of this app.')
  await page.goto(stack.demoUrl)
  t.ok(await page.locator('#sign-in').isVisible(), 'and after a reload the user is still signed out')
  t.equal(await page.locator('#welcome').count(), 0)
  const atKeyhold = await page.goto(`${stack.authUrl}/login`)
  t.match(await atKeyhold!.text(), /<h1>Sign in<\/h1>/, 'Keyhold has signed the user out too')
})

t.test('signing out at Keyhold signs the demo out too, by a back-channel logout token', async (t) => {
  const page = await openPage(t, browser)
  const username = await signInThroughKeyhold(page, stack)
  await page.click('button[name=decision][value=allow]')
  await page.waitForURL(`${stack.demoUrl}/`)
  t.equal(await text(page, '#welcome'), `Signed in as ${username}`)

  await page.goto(`${stack.authUrl}/logout`)
  await page.click('form[action="/logout"] button[type=submit]')
  await page.getByText('You are signed out.').waitFor()
  // The logout token goes from the identity service's delivery queue, a moment after the page answers.
  for (let attempt = 0; attempt < 50 && await page.goto(stack.demoUrl).then(() => page.locator('#welcome').count()) > 0; attempt++) {
    await page.waitForTimeout(100)
  }
  t.ok(await page.locator('#sign-in').isVisible(), 'the demo no longer has the user signed in')
  t.equal(await page.locator('#welcome').count(), 0)
})

t.test('a user who denies access gets the demo access_denied page and is not signed in', async (t) => {
  const page = await openPage(t, browser)
  await signInThroughKeyhold(page, stack)
  await page.click('button[name=decision][value=deny]')

  await page.locator('#error-title').waitFor()
  const url = new URL(page.url())
  t.equal(`${url.origin}${url.pathname}`, `${stack.demoUrl}/callback`, 'Keyhold sent the browser back to the demo')
  t.equal(url.searchParams.get('error'), 'access_denied')
  t.equal(url.searchParams.get('code'), null, 'without a code')
  t.equal(await text(page, '#error-title'), 'You did not allow access')
  t.match(await text(page, '#error-message'), /Nothing was shared/)
  t.ok(await page.locator('#try-again').isVisible(), 'the page offers to try again')
  await screenshot(page, 'consent-denied', 'access-denied')

  await page.goto(stack.demoUrl)
  t.ok(await page.locator('#sign-in').isVisible(), 'the demo still has nobody signed in')
  t.equal(await page.locator('#welcome').count(), 0)
})
