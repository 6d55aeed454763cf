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
  /**
   * The identity service's issuer: the demo discovers it at `${issuer}/.well-known/openid-configuration`, and every
   * id_token, logout token and RFC 9207 `iss` must name it. https, or http on a loopback address or localhost.
   */
  issuer: setting('AUTH_URL', baseUrl({ default: 'http://127.0.0.1:4000' })),
  /**
   * Where this server reaches the identity service (discovery, token, userinfo, keys, revocation) when that differs
   * from the issuer browsers see, as inside a container network; by default the issuer.
   */
  authInternalUrl: setting('AUTH_INTERNAL_URL', Type.Optional(baseUrl())),
  resourceUrl: setting('RESOURCE_URL', baseUrl({ default: 'http://127.0.0.1:4001' })),
  clientId: setting('DEMO_CLIENT_ID', Type.String({ minLength: 1, maxLength: 200 })),
  clientSecret: setting('DEMO_CLIENT_SECRET', Type.String({ minLength: 1, maxLength: 4096 })),
  /** The scope it asks for: `openid` (it signs people in with OpenID Connect) and what it shows and does. */
  scope: setting('DEMO_SCOPE', Type.String({ pattern: `^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$`, maxLength: 2000, default: 'openid email profile calls' })),
  /** The `id_token_signed_response_alg` the client was registered with: id_tokens and logout tokens must use it. */
  idTokenAlg: setting('DEMO_ID_TOKEN_ALG', Type.Union([Type.Literal('RS256'), Type.Literal('ES256')], { default: 'RS256' })),
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

/** An http URL on a loopback address: a development setup, where requests never leave the machine. */
export const isLoopbackHttp = (url: string): boolean => {
  const { protocol, hostname } = new URL(url)
  return protocol === 'http:' && LOOPBACK_HOSTS.has(hostname)
}

/**
 * An issuer over http on this machine: a loopback address, or localhost, the name a development setup gives the
 * identity service because browsers refuse an IP address as a WebAuthn relying party ID.
 */
export const isLocalHttpIssuer = (url: string): boolean => isLoopbackHttp(url) || (url.startsWith('http:') && new URL(url).hostname === 'localhost')

/** The identity service registers only redirect URIs in normalised form, over https or to a loopback IP (RFC 8252 §8.3). */
function checkCallback (publicUrl: string): void {
  const callback = `${publicUrl}/callback`
  const url = new URL(callback)
  const normalised = url.href === callback && url.username === '' && url.password === '' && url.port !== '0'
  if (!normalised || !(url.protocol === 'https:' || isLoopbackHttp(callback))) {
    throw new ConfigError('DEMO_URL must be an https URL, or http on 127.0.0.1 or [::1], in normalised form (lower-case host, no default port, no userinfo)')
  }
}

/** Tokens from an issuer over plain http could be forged on the way; only one on this machine may use it. */
function checkIssuer (issuer: string): void {
  if (!issuer.startsWith('https:') && !isLocalHttpIssuer(issuer)) throw new ConfigError('AUTH_URL must be an https URL, or http on 127.0.0.1, [::1] or localhost')
}

export function loadConfig (env: Record<string, string | undefined>) {
  const config = readServerConfig(settings, env)
  const publicUrl = config.publicUrl ?? `http://127.0.0.1:${config.port}`
  checkCallback(publicUrl)
  checkIssuer(config.issuer)
  if (!config.scope.split(' ').includes('openid')) throw new ConfigError('DEMO_SCOPE must include openid')
  return {
    ...config,
    publicUrl,
    authInternalUrl: config.authInternalUrl ?? config.issuer,
    /** Where the identity service sends the browser back after signing out: registered as a post_logout_redirect_uri. */
    postLogoutRedirectUri: `${publicUrl}/`
  }
}

export type DemoConfig = ReturnType<typeof loadConfig>
