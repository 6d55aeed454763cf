// A browser over fetch: one cookie jar per origin, form posts, redirects, and the sign-in and consent
// steps of the identity service's pages as a person goes through them.
import type { Account } from './system.js'

export interface Page {
  url: URL
  status: number
  headers: Headers
  body: string
  /** The absolute URL a redirect points to. */
  location?: URL
}

export class Browser {
  private readonly jars = new Map<string, Map<string, string>>()

  async request (method: 'GET' | 'POST', address: string | URL, fields?: Record<string, string>): Promise<Page> {
    const url = new URL(address)
    const jar = this.jars.get(url.origin) ?? new Map<string, string>()
    this.jars.set(url.origin, jar)
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { ...(cookie && { cookie }), ...(fields && { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(fields && { body: new URLSearchParams(fields) })
    })
    for (const line of response.headers.getSetCookie()) remember(jar, line)
    const location = response.headers.get('location')
    return {
      url,
      status: response.status,
      headers: response.headers,
      body: await response.text(),
      ...(location !== null && { location: new URL(location, url) })
    }
  }

  get (url: string | URL): Promise<Page> { return this.request('GET', url) }
  post (url: string | URL, fields: Record<string, string>): Promise<Page> { return this.request('POST', url, fields) }

  /** Follows redirects while they stay on the page's origin; stops at a page or a redirect elsewhere. */
  async follow (page: Page): Promise<Page> {
    while (page.location !== undefined && page.location.origin === page.url.origin) page = await this.get(page.location)
    return page
  }
}

function remember (jar: Map<string, string>, line: string): void {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
  const split = pair.indexOf('=')
  const [name, value] = [pair.slice(0, split), pair.slice(split + 1)]
  const gone = value === '' || attributes.some((attribute) => {
    const [key = '', setting = ''] = attribute.split('=')
    return (/^max-age$/i.test(key) && Number(setting) <= 0) || (/^expires$/i.test(key) && Date.parse(setting) < Date.now())
  })
  if (gone) jar.delete(name)
  else jar.set(name, value)
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }

/** The text of an attribute value as the browser reads it. */
export const unescapeHtml = (value: string): string => value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)

/** The hidden inputs of a page's forms (the CSRF token among them), by name. */
export function hiddenFields (body: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [, name, value] of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[name!] = unescapeHtml(value!)
  }
  return fields
}

export const showsSignIn = (page: Page): boolean => page.body.includes('action="/login"')
export const asksConsent = (page: Page): boolean => page.body.includes('action="/consent"')

/** Fills in and submits the sign-in form of a login page. */
export function signIn (browser: Browser, loginPage: Page, user: Pick<Account, 'username' | 'password'>): Promise<Page> {
  return browser.post(new URL('/login', loginPage.url), { ...hiddenFields(loginPage.body), username: user.username, password: user.password })
}

/** Answers a consent page. */
export function decide (browser: Browser, consentPage: Page, decision: 'allow' | 'deny'): Promise<Page> {
  return browser.post(new URL('/consent', consentPage.url), { ...hiddenFields(consentPage.body), decision })
}

/**
 * Opens an authorization URL and goes through sign-in (if asked) and consent (if asked) as the
 * user would; returns the redirect that leaves the identity service, not yet followed.
 */
export async function authorize (browser: Browser, url: string | URL, user: Pick<Account, 'username' | 'password'>, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  return continueFrom(browser, await browser.follow(await browser.get(url)), user, decision)
}

/** Like authorize, from a page of the identity service the browser is already on. */
export async function continueFrom (browser: Browser, page: Page, user: Pick<Account, 'username' | 'password'>, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  page = await throughPages(browser, page, user, decision)
  if (page.location === undefined) throw new Error(`no redirect to the client: ${page.status} ${page.body}`)
  return page.location
}

/** Goes through sign-in and consent, if shown, from `page`; returns the answer: a redirect away, or a page that posts it. */
export async function throughPages (browser: Browser, page: Page, user: Pick<Account, 'username' | 'password'>, decision: 'allow' | 'deny' = 'allow'): Promise<Page> {
  if (showsSignIn(page)) page = await browser.follow(await signIn(browser, page, user))
  if (asksConsent(page)) page = await decide(browser, page, decision)
  return page
}
