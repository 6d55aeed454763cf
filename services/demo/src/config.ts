// The demo client's configuration: one schema for the environment, checked at start.
import Type from 'typebox'
import { ConfigError, readEnv } from '@keyhold/service-kit/config'
import { listenerTimeouts, ListenerTimeoutsEnv, type ListenerTimeouts } from '@keyhold/service-kit/listener-timeouts'
import { SCOPE_TOKEN } from '@keyhold/contracts'

/** A base URL: http(s), no query, fragment or trailing slash. */
const baseUrl = (options: { default?: string } = {}) =>
  Type.String({ pattern: '^https?://[^?#]+[^/?#]$', maxLength: 2000, ...options })

const EnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ default: 4002, minimum: 0, maximum: 65535 }),
  DEMO_URL: Type.Optional(baseUrl()),
  AUTH_URL: baseUrl({ default: 'http://127.0.0.1:4000' }),
  AUTH_INTERNAL_URL: Type.Optional(baseUrl()),
  RESOURCE_URL: baseUrl({ default: 'http://127.0.0.1:4001' }),
  DEMO_CLIENT_ID: Type.String({ minLength: 1, maxLength: 200 }),
  DEMO_CLIENT_SECRET: Type.String({ minLength: 1, maxLength: 4096 }),
  DEMO_SCOPE: Type.String({ pattern: `^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$`, maxLength: 2000, default: 'profile calls' }),
  COOKIE_SECRET: Type.String({ minLength: 32 }),
  DEMO_MAX_SESSIONS: Type.Integer({ default: 1000, minimum: 1, maximum: 1_000_000 }),
  DEMO_MAX_PENDING_SIGN_INS: Type.Integer({ default: 1000, minimum: 1, maximum: 1_000_000 }),
  DEMO_SESSION_IDLE_TTL: Type.Integer({ default: 3600, minimum: 60, maximum: 7 * 86400 }),
  HTTP_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 60000 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10000, minimum: 0 }),
  ...ListenerTimeoutsEnv
})

export interface DemoConfig {
  host: string
  port: number
  /** Where browsers reach the demo; the redirect URI is `${publicUrl}/callback`. */
  publicUrl: string
  /** The identity service's issuer, where browsers are sent to sign in (RFC 9207 `iss` must equal it). */
  issuer: string
  /** Where this server reaches the identity service's token and revocation endpoints. */
  authInternalUrl: string
  resourceUrl: string
  clientId: string
  clientSecret: string
  scope: string
  cookieSecret: string
  /** Signed-in sessions kept (`max`) and, apart from them, sign-ins under way (`maxPending`); idle ones are forgotten. */
  sessions: { max: number, maxPending: number, idleTtlSeconds: number }
  httpTimeoutMs: number
  logLevel: string
  shutdownGraceMs: number
  /** Limits on how long a connection may take over a request or sit idle. */
  timeouts: ListenerTimeouts
}

export { ConfigError }

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]'])

/** The identity service registers only redirect URIs in normalised form, over https or to a loopback IP (RFC 8252 §8.3). */
function checkCallback (publicUrl: string): void {
  const callback = `${publicUrl}/callback`
  const url = new URL(callback)
  const normalised = url.href === callback && url.username === '' && url.password === '' && url.port !== '0'
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  if (!normalised || !secure) {
    throw new ConfigError('DEMO_URL must be an https URL, or http on 127.0.0.1 or [::1], in normalised form (lower-case host, no default port, no userinfo)')
  }
}

export function loadConfig (env: Record<string, string | undefined>): DemoConfig {
  const value = readEnv(EnvSchema, env)
  const publicUrl = value.DEMO_URL ?? `http://127.0.0.1:${value.PORT}`
  checkCallback(publicUrl)
  return {
    host: value.HOST,
    port: value.PORT,
    publicUrl,
    issuer: value.AUTH_URL,
    authInternalUrl: value.AUTH_INTERNAL_URL ?? value.AUTH_URL,
    resourceUrl: value.RESOURCE_URL,
    clientId: value.DEMO_CLIENT_ID,
    clientSecret: value.DEMO_CLIENT_SECRET,
    scope: value.DEMO_SCOPE,
    cookieSecret: value.COOKIE_SECRET,
    sessions: { max: value.DEMO_MAX_SESSIONS, maxPending: value.DEMO_MAX_PENDING_SIGN_INS, idleTtlSeconds: value.DEMO_SESSION_IDLE_TTL },
    httpTimeoutMs: value.HTTP_TIMEOUT_MS,
    logLevel: value.LOG_LEVEL,
    shutdownGraceMs: value.SHUTDOWN_GRACE_MS,
    timeouts: listenerTimeouts(value)
  }
}
