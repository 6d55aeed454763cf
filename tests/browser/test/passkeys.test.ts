// Passkeys in Chromium, with the DevTools WebAuthn domain's virtual authenticator (CTAP2, internal, resident keys,
// user verification): a user signs in with their password, adds a passkey on /account/passkeys, signs out, and signs
// in again with the passkey alone.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { launchBrowser, openPage, screenshot, text } from './browser.js'
import { startStack } from './stack.js'

const PASSWORD = 'violet tugboat measures the harbour'
const stack = await startStack(t)
const browser = await launchBrowser(t)

t.test('a passkey added on the account page signs its owner in without a password', async (t) => {
  const page = await openPage(t, browser)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true }
  })
  const username = `user${randomBytes(4).toString('hex')}`
  await stack.signUp(username, PASSWORD, { email: `${username}@example.com` })

  await page.goto(`${stack.authUrl}/login?return_to=/account/passkeys`)
  await page.fill('#username', username)
  await page.fill('#password', PASSWORD)
  await page.click('form[action="/login"] button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/account/passkeys`)
  t.equal(await text(page, 'h1'), 'Passkeys')
  t.match(await page.locator('main').textContent(), 'You have no passkey yet.')

  await page.fill('#name', 'Virtual laptop')
  await page.click('form[data-passkey=register] button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/account/passkeys?done=added`)
  t.match(await text(page, '.notice'), 'The passkey was added')
  t.equal(await text(page, 'li.passkey strong'), 'Virtual laptop')
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
  t.equal(credentials.length, 1, 'the authenticator holds one credential')
  t.equal(credentials[0]!.isResidentCredential, true, 'a discoverable one')

  // Sign out, then back in with the passkey alone.
  await page.goto(`${stack.authUrl}/login`)
  await page.click('form[action="/logout"] button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/logout**`)
  await page.goto(`${stack.authUrl}/login`)
  await page.click('#passkey-sign-in')
  await page.waitForURL(`${stack.authUrl}/login/passkey**`)
  t.equal(await text(page, 'h1'), 'Sign in with a passkey')
  await screenshot(page, 'passkeys', 'passkey-sign-in')
  await page.click('form[data-passkey=authenticate] button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/login`)
  t.match(await text(page, 'main'), `You are signed in as ${username}`)
  const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
  t.ok(after.credentials[0]!.signCount > 0, 'the authenticator signed')
  await screenshot(page, 'passkeys', 'signed-in-with-passkey')
})
