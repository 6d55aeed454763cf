// The demo client's configuration: each setting's variable, schema and default, checked at start.
import Type from 'typebox'
import { ConfigError, setting } from '@keyhold/service-kit/config'
import { readServerConfig, serverSettings } from '@keyhold/service-kit/server-settings'
import { SCOPE_TOKEN } from '@keyhold/contracts'

/** A base URL: http(s), no query, fragment or trailing slash. */
const baseUrl = (options: { default?: string } = {}) =>
  Type.String({ pattern: '^https?://[^?#]+[^/?#]$', maxLength: 2000, ...options })
const limit = (defaultCount: number) => Type.Integer({ default: defaultCount, minimum: 1, maximum: 1_000_000 })

const settings = {
  ...serverSettings({ port: 4002 }),
  /** Where browsers reach the demo; the redirect URI is `${publicUrl}/callback`. By default its own address. */
  publicUrl: setting('DEMO_URL', Type.Optional(baseUrl())),
  /** The identity service's issuer, where browsers are sent to sign in (RFC 9207 `iss` must equal it). */
  issuer: setting('AUTH_URL', baseUrl({ default: 'http://127.0.0.1:4000' })),
  /** Where this server reaches the identity service's token and revocation endpoints; by default the issuer. */
  authInternalUrl: setting('AUTH_INTERNAL_URL', Type.Optional(baseUrl())),
  resourceUrl: setting('RESOURCE_URL', baseUrl({ default: 'http://127.0.0.1:4001' })),
  clientId: setting('DEMO_CLIENT_ID', Type.String({ minLength: 1, maxLength: 200 })),
  clientSecret: setting('DEMO_CLIENT_SECRET', Type.String({ minLength: 1, maxLength: 4096 })),
  scope: setting('DEMO_SCOPE', Type.String({ pattern: `^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$`, maxLength: 2000, default: 'profile calls' })),
  cookieSecret: setting('COOKIE_SECRET', Type.String({ minLength: 32 })),
  /** Signed-in sessions kept (`max`) and, apart from them, sign-ins under way (`maxPending`); idle ones are forgotten. */
  sessions: {
    max: setting('DEMO_MAX_SESSIONS', limit(1000)),
    maxPending: setting('DEMO_MAX_PENDING_SIGN_INS', limit(1000)),
    idleTtlSeconds: setting('DEMO_SESSION_IDLE_TTL', Type.Integer({ default: 3600, minimum: 60, maximum: 7 * 86400 }))
  },
  httpTimeoutMs: setting('HTTP_TIMEOUT_MS', Type.Integer({ default: 5000, minimum: 100, maximum: 60000 }))
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

export function loadConfig (env: Record<string, string | undefined>) {
  const config = readServerConfig(settings, env)
  const publicUrl = config.publicUrl ?? `http://127.0.0.1:${config.port}`
  checkCallback(publicUrl)
  return { ...config, publicUrl, authInternalUrl: config.authInternalUrl ?? config.issuer }
}

export type DemoConfig = ReturnType<typeof loadConfig>
