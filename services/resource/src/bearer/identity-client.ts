// The identity service as this service sees it: introspection, the JWKS and its health, over one
// keep-alive connection pool. Any failure to get a clear answer is "unavailable", never "valid".
import type { FastifyBaseLogger } from 'fastify'
import { Pool } from 'undici'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { IntrospectionResponse, JwkSet } from '@keyhold/contracts'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import { TemporarilyUnavailable } from '../errors.js'

export interface IdentityClient {
  introspect (token: string): Promise<IntrospectionResponse>
  jwks (): Promise<JwkSet>
  /** Whether the identity service answers its own health check. */
  reachable (): Promise<boolean>
  close (): Promise<void>
}

export interface IdentityClientOptions {
  authUrl: string
  clientId: string
  clientSecret: string
  timeoutMs: number
  log: FastifyBaseLogger
}

const unavailable = () => new TemporarilyUnavailable('the identity service cannot validate the access token right now')

export function identityClient (opts: IdentityClientOptions): IdentityClient {
  const url = new URL(opts.authUrl)
  const base = url.pathname.replace(/\/+$/, '')
  const pool = new Pool(url.origin, {
    connections: 32,
    keepAliveTimeout: 30_000,
    connectTimeout: opts.timeoutMs,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs
  })
  const authorization = basicAuthorization(opts.clientId, opts.clientSecret)

  async function fetchJson<T extends TSchema> (what: string, schema: T, request: { path: string, method: 'GET' | 'POST', headers?: Record<string, string>, body?: string }) {
    let status: number
    let text: string
    try {
      const response = await pool.request({ ...request, path: base + request.path, signal: AbortSignal.timeout(opts.timeoutMs) })
      status = response.statusCode
      text = await response.body.text()
    } catch (error) {
      opts.log.warn({ err: error }, `identity service unreachable (${what})`)
      throw unavailable()
    }
    if (status !== 200) {
      opts.log.error({ status }, `identity service refused ${what}`)
      throw unavailable()
    }
    let body: unknown
    try { body = JSON.parse(text) } catch { body = undefined }
    if (!Value.Check(schema, body)) {
      opts.log.error(`identity service sent a malformed ${what} response`)
      throw unavailable()
    }
    return body
  }

  return {
    introspect: (token) => fetchJson('introspection', IntrospectionResponse, {
      path: '/introspect',
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json'
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString()
    }),

    jwks: () => fetchJson('JWKS', JwkSet, { path: '/jwks.json', method: 'GET', headers: { accept: 'application/json' } }),

    async reachable () {
      try {
        const response = await pool.request({ path: `${base}/health`, method: 'GET', signal: AbortSignal.timeout(opts.timeoutMs) })
        await response.body.dump()
        return response.statusCode === 200
      } catch {
        return false
      }
    },

    close: () => pool.close()
  }
}
