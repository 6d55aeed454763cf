// A browser over inject: a cookie jar, form posts, and the steps of the authorization code flow.
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { AdminClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { basic, createClient, form, FORM, postForm } from './helper.js'

export const REDIRECT_URI = 'https://app.example/callback'

export class Browser {
  readonly cookies = new Map<string, string>()

  /** `remoteAddress`: the address every request comes from (inject's default otherwise). */
  constructor (readonly app: FastifyInstance, readonly remoteAddress?: string) {}

  async request (method: 'GET' | 'POST', url: string, fields?: Record<string, string>): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await this.app.inject({
      method,
      url,
      headers: { ...(cookie && { cookie }), ...(fields && FORM) },
      ...(this.remoteAddress && { remoteAddress: this.remoteAddress }),
      ...(fields && { payload: form(fields) })
    })
    for (const set of response.cookies as Array<{ name: string, value: string, maxAge?: number, expires?: Date }>) {
      const gone = set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() < Date.now()) || set.value === ''
      if (gone) this.cookies.delete(set.name)
      else this.cookies.set(set.name, set.value)
    }
    return response
  }

  get (url: string): Promise<LightMyRequestResponse> { return this.request('GET', url) }
  post (url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> { return this.request('POST', url, fields) }

  /** Follows redirects within this service; stops at a page or at a redirect elsewhere. */
  async follow (response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    while (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location?.startsWith('/')) {
      response = await this.get(response.headers.location)
    }
    return response
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)

/** The hidden inputs of the page's forms, by name (the last one wins). */
export function hiddenFields (page: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[name!] = unescape(value!)
  return fields
}

export function pkce (): { verifier: string, challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export async function signUp (app: FastifyInstance, username = `user${randomBytes(4).toString('hex')}`, password = 'a long enough password'): Promise<{ id: string, username: string, password: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/users', payload: { username, password } })
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`)
  return { ...response.json(), password }
}

/** A confidential web client that may use codes and refresh tokens. */
export function createWebClient (app: FastifyInstance, metadata: Partial<AdminClientMetadata> = {}): Promise<ClientWithSecret> {
  return createClient(app, {
    client_name: 'Ship Tracker',
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: [REDIRECT_URI],
    scope: 'ships:read ships:write',
    ...metadata
  })
}

export const authorizeUrl = (params: Record<string, string>): string => `/authorize?${new URLSearchParams(params)}`

/** Signs in through the login form (for the pending request `requestId`, if given), answering the CSRF token it carries. */
export async function signIn (browser: Browser, user: { username: string, password: string }, requestId?: string): Promise<LightMyRequestResponse> {
  const page = await browser.get(requestId === undefined ? '/login' : `/login?${new URLSearchParams({ request_id: requestId })}`)
  return browser.post('/login', { ...hiddenFields(page.body), username: user.username, password: user.password })
}

/** The id of the pending authorization request a redirect to /login or /consent carries. */
export const requestIdOf = (location: string | undefined): string | undefined =>
  location === undefined ? undefined : new URL(location, 'http://x').searchParams.get('request_id') ?? undefined

/**
 * Drives GET /authorize through sign-in and consent (allowing it) as a user would,
 * and returns the URL the browser is finally sent to.
 */
export async function authorize (
  browser: Browser, user: { username: string, password: string }, params: Record<string, string>, decision = 'allow'
): Promise<URL> {
  let response = await browser.get(authorizeUrl(params))
  if (response.headers.location?.startsWith('/login')) {
    response = await browser.follow(await signIn(browser, user, requestIdOf(response.headers.location)))
  }
  if (response.statusCode === 200 && response.body.includes('action="/consent"')) {
    response = await browser.post('/consent', { ...hiddenFields(response.body), decision })
  }
  if (response.headers.location === undefined) throw new Error(`no redirect: ${response.statusCode} ${response.body}`)
  return new URL(response.headers.location)
}

/** Code + PKCE for the client, through the browser. */
export async function codeFor (browser: Browser, user: { username: string, password: string }, client: ClientWithSecret, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce()
  const url = await authorize(browser, user, {
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read',
    state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256', ...extra
  })
  return { code: url.searchParams.get('code')!, verifier, url }
}

export function redeem (app: FastifyInstance, client: ClientWithSecret, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  const auth: Record<string, string> = client.client_secret === undefined ? {} : { authorization: basic(client.client_id, client.client_secret) }
  const clientId: Record<string, string> = client.client_secret === undefined ? { client_id: client.client_id } : {}
  return postForm(app, '/token', { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, ...clientId, ...fields }, auth)
}
