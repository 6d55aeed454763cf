// The account page in a real browser, with the demo, the identity and the resource services all real: the demo shows
// under connected applications, and once removed there its next call is refused; a session ended from another
// browser's account page is signed out.
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import t from 'tap'
import { launchBrowser, openPage, screenshot, text } from './browser.js'
import { startStack } from './stack.js'

const PASSWORD = 'amber lighthouse keeps the tide'
const stack = await startStack(t)
const browser = await launchBrowser(t)

async function newUser (): Promise<string> {
  const username = `user${randomBytes(4).toString('hex')}`
  await stack.signUp(username, PASSWORD, { name: 'Grace Hopper', email: `${username}@example.com` })
  return username
}

async function signInAtKeyhold (page: Page, username: string): Promise<void> {
  await page.goto(`${stack.authUrl}/login`)
  await page.fill('#username', username)
  await page.fill('#password', PASSWORD)
  await page.click('button[type=submit]')
  await page.getByText('You are signed in as').waitFor()
}

t.test('the demo is a connected application; removing it refuses the demo’s next call', async (t) => {
  const page = await openPage(t, browser)
  const username = await newUser()
  await page.goto(stack.demoUrl)
  await page.click('#sign-in')
  await page.waitForURL(`${stack.authUrl}/login?**`)
  await page.fill('#username', username)
  await page.fill('#password', PASSWORD)
  await page.click('button[type=submit]')
  await page.click('button[name=decision][value=allow]')
  await page.waitForURL(`${stack.demoUrl}/`)
  t.equal(await text(page, '#welcome'), `Signed in as ${username}`)

  await page.goto(`${stack.authUrl}/account`)
  t.equal(await text(page, 'h1'), 'Your account')
  t.match(await text(page, 'main'), `Signed in as ${username}`)
  await screenshot(page, 'account', 'account')
  await page.click('a[href="/account/applications"]')
  const demo = page.locator('li.application', { hasText: 'Keyhold demo' })
  t.equal(await demo.count(), 1, 'the demo is listed')
  t.match(await demo.textContent(), /Make phone calls and see your calls/, 'with what it may do')
  await screenshot(page, 'account', 'applications')
  await demo.locator('button[type=submit]').click()
  await page.getByText('The application’s access has ended.').waitFor()
  t.equal(await page.locator('li.application').count(), 0, 'it is no longer listed')

  // The revocation reaches the resource service's cache through Redis, a moment after the page answers.
  const refused = 'Your Keyhold session has ended. Please sign in again.'
  for (let attempt = 0; attempt < 50 && !(await (await page.goto(stack.demoUrl))!.text()).includes(refused); attempt++) {
    await page.waitForTimeout(100)
  }
  t.match(await text(page, 'main'), refused, 'the demo’s call was refused and its refresh token with it')
  t.ok(await page.locator('#sign-in').isVisible(), 'the demo asks to sign in again')
})

t.test('a session ended from another browser’s account page is signed out', async (t) => {
  const username = await newUser()
  const here = await openPage(t, browser)
  const there = await openPage(t, browser)
  await signInAtKeyhold(here, username)
  await signInAtKeyhold(there, username)

  await here.goto(`${stack.authUrl}/account/sessions`)
  t.equal(await here.locator('li.session').count(), 2, 'both sessions are listed')
  t.match(await text(here, 'li.session:first-child'), /this browser/, 'this one first, marked')
  t.match(await text(here, 'li.session:first-child'), /Chrome on Linux/)
  await screenshot(here, 'account', 'sessions')
  await here.locator('li.session', { hasNotText: 'this browser' }).locator('button[type=submit]').click()
  await here.getByText('The session has ended').waitFor()
  t.equal(await here.locator('li.session').count(), 1)

  await there.goto(`${stack.authUrl}/account`)
  t.match(there.url(), /\/login\?return_to=%2Faccount$/, 'the other browser is sent to sign in')
  await here.goto(`${stack.authUrl}/account`)
  t.equal(await text(here, 'h1'), 'Your account', 'this one is still signed in')
})
