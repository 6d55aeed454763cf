// Debian's headless Chromium, a fresh context per scenario, and screenshots saved under .screenshots/<run>/.
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Test } from 'tap'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// Nothing may reach out of this closed network: no updates, sync, field trials or QUIC probes.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const SCREENSHOTS = fileURLToPath(new URL('../.screenshots/', import.meta.url))

/** Headless Chromium, closed when the test ends. */
export async function launchBrowser (t: Test): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  t.teardown(() => browser.close())
  return browser
}

/** A page in a fresh context: no cookies shared with any other page. */
export async function openPage (t: Test, browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 800, height: 640 } })
  t.teardown(() => context.close())
  context.setDefaultTimeout(10_000)
  return context.newPage()
}

/** Saves what the page shows as .screenshots/<run>/<name>.png. */
export async function screenshot (page: Page, run: string, name: string): Promise<void> {
  const dir = `${SCREENSHOTS}${run}/`
  await mkdir(dir, { recursive: true })
  await page.screenshot({ path: `${dir}${name}.png`, fullPage: true })
}

/** The trimmed text of the one element `selector` names. */
export async function text (page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).textContent())?.trim() ?? ''
}
