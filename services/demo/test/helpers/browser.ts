// One person's browser: a cookie jar for the demo (driven through app.inject) and one for the identity service
// (over HTTP), and the sign-in and consent steps on Keyhold's pages as a person goes through them.
import type { FastifyInstance } from 'fastify'
import type { Account } from './keyhold.js'

export interface Page { status: number, location: string, body: string, headers: Record<string, unknown> }

/** A cookie jar in front of app.inject: what one browser would send the demo and keep. */
export class Browser {
  readonly cookies = new Map<string, string>()
  /** The same person's tab on the identity service. */
  readonly keyhold = new KeyholdTab()
  constructor (private readonly app: FastifyInstance) {}

  get (url: string): Promise<Page> {
    return this.#send('GET', url)
  }

  post (url: string, form: Record<string, string>): Promise<Page> {
    return this.#send('POST', url, new URLSearchParams(form).toString())
  }

  async #send (method: 'GET' | 'POST', url: string, payload?: string): Promise<Page> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await this.app.inject({
      method,
      url,
      headers: { ...(cookie && { cookie }), ...(payload !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(payload !== undefined && { payload })
    })
    for (const set of response.cookies as { name: string, value: string, maxAge?: number, expires?: Date }[]) {
      const expired = set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() <= Date.now())
      if (expired || set.value === '') this.cookies.delete(set.name)
      else this.cookies.set(set.name, set.value)
    }
    return { status: response.statusCode, location: String(response.headers.location ?? ''), body: response.body, headers: response.headers }
  }
}

interface KeyholdPage { url: URL, status: number, body: string, location?: URL }

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }

/** The hidden inputs of a page's forms (the CSRF token among them), by name. */
const hiddenFields = (body: string): Record<string, string> => Object.fromEntries([...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
  .map(([, name, value]) => [name!, value!.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)]))

/** The identity service's pages, over HTTP with one cookie jar; redirects are followed while they stay there. */
export class KeyholdTab {
  readonly #cookies = new Map<string, string>()

  async request (method: 'GET' | 'POST', url: URL, form?: Record<string, string>): Promise<KeyholdPage> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { ...(cookie && { cookie }), ...(form && { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(form && { body: new URLSearchParams(form) })
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
      if (value === '' || /max-age=0/i.test(line)) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
    const location = response.headers.get('location')
    return { url, status: response.status, body: await response.text(), ...(location !== null && { location: new URL(location, url) }) }
  }

  async #follow (page: KeyholdPage): Promise<KeyholdPage> {
    while (page.location !== undefined && page.location.origin === page.url.origin) page = await this.request('GET', page.location)
    return page
  }

  /**
   * Opens an authorization URL and signs in (if asked) and answers the consent page (if asked) as the user would;
   * returns where the identity service sends the browser next, not yet followed.
   */
  async authorize (authorizationUrl: string, user: Pick<Account, 'username' | 'password'>, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
    let page = await this.#follow(await this.request('GET', new URL(authorizationUrl)))
    if (page.body.includes('action="/login"')) {
      const form = { ...hiddenFields(page.body), username: user.username, password: user.password }
      page = await this.#follow(await this.request('POST', new URL('/login', page.url), form))
    }
    if (page.body.includes('action="/consent"')) {
      page = await this.request('POST', new URL('/consent', page.url), { ...hiddenFields(page.body), decision })
    }
    if (page.location === undefined) throw new Error(`no redirect to the client: ${page.status} ${page.body}`)
    return page.location
  }
}

/** The demo's own path and query of a URL the identity service sent the browser to. */
export const onDemo = (url: URL): string => `${url.pathname}${url.search}`

/** Starts a sign-in at the demo and goes through Keyhold's pages; returns the callback URL, not yet visited. */
export async function authorizeAtKeyhold (browser: Browser, user: Account, decision: 'allow' | 'deny' = 'allow', edit?: (url: URL) => void): Promise<URL> {
  const start = await browser.get('/sign-in')
  if (start.status !== 303) throw new Error(`sign-in did not start: ${start.status} ${start.body}`)
  const url = new URL(start.location)
  edit?.(url)
  return browser.keyhold.authorize(url.href, user, decision)
}

/** The whole sign-in: the demo, Keyhold's sign-in and consent pages, and back; returns the browser, now signed in. */
export async function signIn (browser: Browser, user: Account): Promise<Browser> {
  const done = await browser.get(onDemo(await authorizeAtKeyhold(browser, user)))
  if (done.status !== 303) throw new Error(`sign-in failed: ${done.status} ${done.body}`)
  return browser
}

/** The CSRF token in the page's forms. */
export const csrfOf = (page: Page): string => /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
