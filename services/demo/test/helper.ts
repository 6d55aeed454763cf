// Drives the demo against small fake identity and resource servers that speak the protocol, through a
// browser-like cookie jar. The fakes record every request, so tests can prove what was (not) sent.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import formbody from '@fastify/formbody'
import type { Call } from '@keyhold/contracts'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import type { Test } from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

export const CLIENT_ID = 'demo-client'
const STARTED_AT = '2026-11-23T10:00:00.000Z'
/** A call as the resource service lists it. */
export const aCall = (id: string, number: string, status: Call['status'] = 'ongoing'): Call => ({ id, number, status, started_at: STARTED_AT })
export const CLIENT_SECRET = 'demo-secret-0123456789'
const token = () => randomBytes(16).toString('hex')
const basic = basicAuthorization(CLIENT_ID, CLIENT_SECRET)

export interface FakeIdentity {
  url: string
  /** What a real server does between /authorize and the redirect back: remembers the request, returns a code. */
  authorize (authorizationUrl: string): string
  tokenRequests: Record<string, string>[]
  revocations: Record<string, string>[]
  /** Live access tokens; deleting one makes the resource service reject it. */
  accessTokens: Set<string>
  /** Lifetime of the next tokens issued, in seconds. */
  expiresIn: number
  /** When set, /token and /revoke answer with this error. */
  failWith?: { status: number, error: string }
}

async function listen (t: Test, app: FastifyInstance): Promise<string> {
  t.teardown(() => app.close())
  return app.listen({ host: '127.0.0.1', port: 0 })
}

export async function fakeIdentity (t: Test): Promise<FakeIdentity> {
  const app = Fastify()
  await app.register(formbody)
  const codes = new Map<string, { challenge: string, redirectUri: string, scope: string }>()
  const refreshTokens = new Set<string>()
  const fake: FakeIdentity = {
    url: '',
    tokenRequests: [],
    revocations: [],
    accessTokens: new Set(),
    expiresIn: 3600,
    authorize (authorizationUrl) {
      const query = new URL(authorizationUrl).searchParams
      const code = token()
      codes.set(code, { challenge: query.get('code_challenge')!, redirectUri: query.get('redirect_uri')!, scope: query.get('scope')! })
      return code
    }
  }
  const issue = (scope: string) => {
    const accessToken = token()
    const refreshToken = token()
    fake.accessTokens.add(accessToken)
    refreshTokens.add(refreshToken)
    return { access_token: accessToken, token_type: 'Bearer', expires_in: fake.expiresIn, scope, refresh_token: refreshToken }
  }
  const invalidGrant = { error: 'invalid_grant' }

  app.post<{ Body: Record<string, string> }>('/token', async (request, reply) => {
    const body = request.body
    fake.tokenRequests.push({ ...body, authorization: request.headers.authorization ?? '' })
    if (request.headers.authorization !== basic) return reply.code(401).send({ error: 'invalid_client' })
    if (fake.failWith) return reply.code(fake.failWith.status).send({ error: fake.failWith.error })
    if (body.grant_type === 'authorization_code') {
      const grant = codes.get(body.code ?? '')
      codes.delete(body.code ?? '')
      const verified = createHash('sha256').update(body.code_verifier ?? '').digest('base64url')
      if (!grant || grant.challenge !== verified || grant.redirectUri !== body.redirect_uri) return reply.code(400).send(invalidGrant)
      return issue(grant.scope)
    }
    if (body.grant_type === 'refresh_token') {
      if (!refreshTokens.delete(body.refresh_token ?? '')) return reply.code(400).send(invalidGrant)
      return issue('profile calls')
    }
    return reply.code(400).send({ error: 'unsupported_grant_type' })
  })

  app.post<{ Body: Record<string, string> }>('/revoke', async (request, reply) => {
    fake.revocations.push({ ...request.body, authorization: request.headers.authorization ?? '' })
    if (fake.failWith) return reply.code(fake.failWith.status).send({ error: fake.failWith.error })
    fake.accessTokens.delete(request.body.token ?? '')
    return ''
  })

  fake.url = await listen(t, app)
  return fake
}

export interface FakeResource {
  url: string
  calls: Call[]
  requests: { method: string, url: string }[]
}

export async function fakeResource (t: Test, identity: FakeIdentity): Promise<FakeResource> {
  const app = Fastify()
  const fake: FakeResource = { url: '', calls: [], requests: [] }
  app.addHook('onRequest', async (request, reply) => {
    fake.requests.push({ method: request.method, url: request.url })
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    if (!presented || !identity.accessTokens.has(presented)) {
      return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send({ error: 'invalid_token' })
    }
  })
  app.get('/api/me', async () => ({ sub: 'user-1', client_id: CLIENT_ID, scope: 'profile calls', username: 'ada' }))
  app.get('/api/calls', async () => ({ calls: fake.calls.filter((call) => call.status === 'ongoing') }))
  app.post<{ Body: { number: string } }>('/api/calls', async (request, reply) => {
    if (!/^\+[1-9][0-9]{1,14}$/.test(request.body.number)) return reply.code(400).send({ error: 'invalid_request', error_description: 'number is not a phone number' })
    const call: Call = { id: randomUUID(), number: request.body.number, status: 'ongoing', started_at: new Date().toISOString() }
    fake.calls.push(call)
    return reply.code(201).send(call)
  })
  app.put<{ Params: { id: string }, Body: { status: 'ended' } }>('/api/calls/:id', async (request, reply) => {
    const call = fake.calls.find((c) => c.id === request.params.id)
    if (!call) return reply.code(404).send({ error: 'not_found' })
    call.status = request.body.status
    return call
  })
  fake.url = await listen(t, app)
  return fake
}

export const COOKIE_SECRET = 'test-cookie-secret-0123456789abcdef'

export async function buildDemo (t: Test, identity: { url: string }, resource: { url: string }, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig({
    AUTH_URL: identity.url,
    RESOURCE_URL: resource.url,
    DEMO_CLIENT_ID: CLIENT_ID,
    DEMO_CLIENT_SECRET: CLIENT_SECRET,
    COOKIE_SECRET,
    LOG_LEVEL: 'silent',
    ...env
  }))
  t.teardown(() => app.close())
  return app
}

export interface Page { status: number, location: string, body: string, headers: Record<string, unknown> }

/** A cookie jar in front of app.inject: what one browser would send and keep. */
export class Browser {
  readonly cookies = new Map<string, string>()
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

/** The authorization response the identity service would redirect the browser to. */
export function callbackUrl (params: Record<string, string>): string {
  return `/callback?${new URLSearchParams(params).toString()}`
}

/** Sign-in through the whole redirect dance; returns the browser, now signed in. */
export async function signIn (browser: Browser, identity: FakeIdentity): Promise<Browser> {
  const start = await browser.get('/sign-in')
  const state = new URL(start.location).searchParams.get('state')!
  const done = await browser.get(callbackUrl({ code: identity.authorize(start.location), state, iss: identity.url }))
  if (done.status !== 303) throw new Error(`sign-in failed: ${done.status} ${done.body}`)
  return browser
}

/** The CSRF token in the page's forms. */
export const csrfOf = (page: Page): string => /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!

export async function setup (t: Test, env: Record<string, string> = {}) {
  const identity = await fakeIdentity(t)
  const resource = await fakeResource(t, identity)
  const app = await buildDemo(t, identity, resource, env)
  return { identity, resource, app, browser: new Browser(app) }
}
