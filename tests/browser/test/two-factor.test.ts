// Two-factor authentication in Chromium: a signed-in user sets up TOTP from the secret the page shows (the test computes
// the codes, RFC 6238), signs out, signs in with password and code, then with a recovery code, which works only once.
import { createHmac, randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import type { Page } from 'playwright-core'
import { launchBrowser, openPage, text } from './browser.js'
import { startStack } from './stack.js'

const PASSWORD = 'seven lanterns over a quiet bay'
const DOCS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))

/** The six-digit TOTP code for a base32 secret, `steps` periods from now. */
function totp (base32: string, steps = 0): string {
  const bits = [...base32.replace(/[\s=]/g, '')].map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0')).join('')
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[19]! & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

const stack = await startStack(t)
const browser = await launchBrowser(t)

t.test('TOTP set up on the account page signs in as a second step; a recovery code works once', async (t) => {
  const page = await openPage(t, browser)
  const username = `user${randomBytes(4).toString('hex')}`
  await stack.signUp(username, PASSWORD, { email: `${username}@example.com` })
  const passwordStep = async (p: Page) => {
    await p.goto(`${stack.authUrl}/login`)
    await p.fill('#username', username)
    await p.fill('#password', PASSWORD)
    await p.click('form[action="/login"] button[type=submit]')
  }

  await page.goto(`${stack.authUrl}/login?return_to=/account/two-factor`)
  await page.fill('#username', username)
  await page.fill('#password', PASSWORD)
  await page.click('form[action="/login"] button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/account/two-factor`)
  await page.click('button[value=start]')
  await page.waitForURL(`${stack.authUrl}/account/two-factor`)
  t.ok(await page.locator('figure.qr svg').isVisible(), 'the QR code is shown')
  const secret = (await text(page, '#totp-secret')).replace(/\s/g, '')
  await page.screenshot({ path: `${DOCS}totp-enrolment.png`, fullPage: true })
  // A step ago: the code of the current step is left for the sign-in below.
  await page.fill('#code', totp(secret, -1))
  await page.click('button[value=confirm]')
  t.equal(await text(page, 'h1'), 'Your recovery codes')
  const codes = await page.locator('#recovery-codes code').allTextContents()
  t.equal(codes.length, 10)

  await page.goto(`${stack.authUrl}/login`)
  await page.click('form[action="/logout"] button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/logout**`)

  await passwordStep(page)
  await page.waitForURL(`${stack.authUrl}/login/second-factor`)
  await page.fill('#totp', totp(secret))
  await page.click('form:has(input[value=totp]) button[type=submit]')
  await page.waitForURL(`${stack.authUrl}/login`)
  t.match(await text(page, 'main'), `You are signed in as ${username}`)

  const other = await openPage(t, browser)
  await passwordStep(other)
  await other.waitForURL(`${stack.authUrl}/login/second-factor`)
  await other.fill('#recovery-code', codes[0]!)
  await other.click('form:has(input[value=recovery-code]) button[type=submit]')
  await other.waitForURL(`${stack.authUrl}/login`)
  t.match(await text(other, 'main'), `You are signed in as ${username}`, 'a recovery code signs in')

  const third = await openPage(t, browser)
  await passwordStep(third)
  await third.waitForURL(`${stack.authUrl}/login/second-factor`)
  await third.fill('#recovery-code', codes[0]!)
  await third.click('form:has(input[value=recovery-code]) button[type=submit]')
  t.match(await text(third, '.error'), 'not right, or was used already', 'the same code a second time does not')
})
