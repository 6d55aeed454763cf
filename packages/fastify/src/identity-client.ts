// The identity service as a resource server sees it: its discovery document, introspection, the JWKS, the
// revocation event stream and its health, over keep-alive connection pools. Any failure to get a clear answer is
// "unavailable", never "valid".
import type { FastifyBaseLogger } from 'fastify'
import { Pool, type Dispatcher } from 'undici'
import Type, { type Static, type TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { IntrospectionResponse, JwkSet } from '@keyhold/contracts'
import { identityUnavailable } from './errors.js'
import type { Authentication } from './client-credentials.js'

export interface IdentityClient {
  introspect (token: string): Promise<IntrospectionResponse>
  jwks (): Promise<JwkSet>
  /** Opens the revocation event stream; the caller reads the body and ends it through `signal`. */
  revocationEvents (signal: AbortSignal): Promise<Dispatcher.ResponseData>
  /** A token for another API on the same user's behalf, exchanged for `subjectToken` (RFC 8693). */
  exchange (subjectToken: string, target: ExchangeTarget): Promise<ExchangedToken>
  /** Whether the identity service answers its own health check. */
  reachable (): Promise<boolean>
  close (): Promise<void>
}

export interface ExchangeTarget {
  /** The API's identifier, its `aud`. */
  audience: string
  /** Space-separated; by default every scope the identity service's policies allow. */
  scope?: string
}

export interface ExchangedToken {
  accessToken: string
  expiresIn: number
  scope: string
}

export interface IdentityClientOptions {
  issuer: string
  /** Where the identity service is reached, when not at its issuer identifier (a container network). */
  baseUrl: string
  authenticate: () => Promise<Authentication>
  timeoutMs: number
  log: FastifyBaseLogger
}

// What the plugin reads of the discovery document (OpenID Connect Discovery §3, RFC 8414 §2).
const Discovered = Type.Object({
  issuer: Type.String(),
  jwks_uri: Type.String({ pattern: '^https?://' }),
  introspection_endpoint: Type.String({ pattern: '^https?://' }),
  // Only token exchange needs it: a provider without one still serves introspection.
  token_endpoint: Type.Optional(Type.String({ pattern: '^https?://' }))
})

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'
const ExchangeAnswer = Type.Object({
  access_token: Type.String(),
  expires_in: Type.Integer(),
  scope: Type.String()
})
type Discovered = Static<typeof Discovered>

interface Call {
  url: URL
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

export function identityClient (opts: IdentityClientOptions): IdentityClient {
  const base = opts.baseUrl.replace(/\/+$/, '')
  const issuer = opts.issuer.replace(/\/+$/, '')
  const pools = new Map<string, Pool>()
  const poolFor = (origin: string) => {
    let pool = pools.get(origin)
    if (!pool) {
      pool = new Pool(origin, {
        connections: 32,
        keepAliveTimeout: 30_000,
        connectTimeout: opts.timeoutMs,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs
      })
      pools.set(origin, pool)
    }
    return pool
  }
  // The discovery document names endpoints under the issuer; where the service is reached elsewhere, so are they.
  const reachableAt = (url: string): URL =>
    new URL(base !== issuer && url.startsWith(`${issuer}/`) ? base + url.slice(issuer.length) : url)
  const unavailable = (what: string, detail: Record<string, unknown> = {}) => {
    opts.log.warn(detail, `identity service gave no usable answer (${what})`)
    return identityUnavailable()
  }

  const send = ({ url, method, headers, body }: Call, extra: Partial<Dispatcher.RequestOptions> = {}) =>
    poolFor(url.origin).request({
      path: url.pathname + url.search,
      method,
      ...(headers !== undefined && { headers }),
      ...(body !== undefined && { body }),
      signal: AbortSignal.timeout(opts.timeoutMs),
      ...extra
    })

  async function fetchJson<T extends TSchema> (what: string, schema: T, call: Call): Promise<Static<T>> {
    let status: number
    let text: string
    try {
      const response = await send(call)
      status = response.statusCode
      text = await response.body.text()
    } catch (error) {
      throw unavailable(what, { err: error })
    }
    if (status !== 200) throw unavailable(what, { status })
    let body: unknown
    try { body = JSON.parse(text) } catch { body = undefined }
    if (!Value.Check(schema, body)) throw unavailable(`${what}: malformed`)
    return body
  }

  let discovered: Promise<Discovered> | undefined
  // Fetched once, on first need; a failure is not kept, so the next request tries again.
  const discovery = () => {
    discovered ??= (async () => {
      const document = await fetchJson('discovery', Discovered, {
        url: new URL(`${base}/.well-known/openid-configuration`), method: 'GET', headers: { accept: 'application/json' }
      })
      // OpenID Connect Discovery §4.3: the document must name the issuer it was asked for.
      if (document.issuer !== opts.issuer) throw unavailable('discovery: another issuer')
      return document
    })()
    discovered.catch(() => { discovered = undefined })
    return discovered
  }

  const authenticatedForm = async (params: Record<string, string>) => {
    let authentication: Authentication
    try {
      authentication = await opts.authenticate()
    } catch (error) {
      // A key that cannot sign: the operator's to fix, and no answer about the token.
      opts.log.error({ err: error }, 'cannot authenticate to the identity service')
      throw identityUnavailable()
    }
    const { headers, form } = authentication
    return {
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, ...form }).toString()
    }
  }

  return {
    async introspect (token) {
      const { introspection_endpoint: endpoint } = await discovery()
      const { headers, body } = await authenticatedForm({ token, token_type_hint: 'access_token' })
      return fetchJson('introspection', IntrospectionResponse, {
        url: reachableAt(endpoint), method: 'POST', headers: { ...headers, accept: 'application/json' }, body
      })
    },

    async jwks () {
      const { jwks_uri: jwksUri } = await discovery()
      return fetchJson('JWKS', JwkSet, { url: reachableAt(jwksUri), method: 'GET', headers: { accept: 'application/json' } })
    },

    async exchange (subjectToken, { audience, scope }) {
      const { token_endpoint: endpoint } = await discovery()
      if (endpoint === undefined) throw unavailable('discovery: no token endpoint')
      const { headers, body } = await authenticatedForm({
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: subjectToken,
        subject_token_type: ACCESS_TOKEN_TYPE,
        requested_token_type: ACCESS_TOKEN_TYPE,
        audience,
        ...(scope !== undefined && { scope })
      })
      const answer = await fetchJson('token exchange', ExchangeAnswer, {
        url: reachableAt(endpoint), method: 'POST', headers: { ...headers, accept: 'application/json' }, body
      })
      return { accessToken: answer.access_token, expiresIn: answer.expires_in, scope: answer.scope }
    },

    async revocationEvents (signal) {
      const { headers, body } = await authenticatedForm({})
      // The stream stays open with only heartbeats in it: its idleness is watched by the reader, not by a timeout here.
      return send({ url: new URL(`${base}/revocations`), method: 'POST', headers: { ...headers, accept: 'text/event-stream' }, body },
        { signal, bodyTimeout: 0 })
    },

    async reachable () {
      try {
        const response = await send({ url: new URL(`${base}/health`), method: 'GET' })
        await response.body.dump()
        return response.statusCode === 200
      } catch {
        return false
      }
    },

    async close () {
      await Promise.all([...pools.values()].map((pool) => pool.close()))
    }
  }
}
