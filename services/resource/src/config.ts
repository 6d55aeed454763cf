// The resource service's configuration: each setting's variable, schema and default, checked at start.
import { fileURLToPath } from 'node:url'
import Type from 'typebox'
import type { ClientCredentials } from '@keyhold/fastify'
import { invalidConfiguration, setting } from '@keyhold/service-kit/config'
import { postgresSettings, readServerConfig, redisUrlSetting, serverSettings } from '@keyhold/service-kit/server-settings'

const HttpUrl = Type.String({ pattern: '^https?://[^?#]+$', maxLength: 2000 })
// From src/ and from dist/ alike: the repository's .data folder, wherever the process was started.
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data/resource', import.meta.url))

const settings = {
  ...serverSettings({ port: 4001 }),
  /** Base URL of the identity service (introspection, JWKS). */
  authUrl: setting('AUTH_URL', Type.String({ ...HttpUrl, default: 'http://127.0.0.1:4000' })),
  /** The identity service's issuer identifier (every token accepted names it in `iss`); by default `authUrl`. */
  issuer: setting('ISSUER', Type.Optional(HttpUrl)),
  /** This service's identifier: every token it accepts names it in `aud`. */
  audience: setting('AUDIENCE', Type.String({ default: 'http://127.0.0.1:4001', minLength: 1 })),
  /**
   * The credentials this service introspects with: a secret (client_secret_basic), or a private key, as a JWK in JSON,
   * for private_key_jwt with the algorithm named; exactly one of the two.
   */
  client: {
    id: setting('RESOURCE_CLIENT_ID', Type.String({ minLength: 1 })),
    secret: setting('RESOURCE_CLIENT_SECRET', Type.Optional(Type.String({ minLength: 1 }))),
    privateKey: setting('RESOURCE_CLIENT_PRIVATE_KEY', Type.Optional(Type.String({ minLength: 2, maxLength: 16384 }))),
    keyAlg: setting('RESOURCE_CLIENT_KEY_ALG', Type.Union(['ES256', 'RS256', 'PS256', 'EdDSA'].map((alg) => Type.Literal(alg)), { default: 'ES256' }))
  },
  ...postgresSettings({ dataDir: DEFAULT_DATA_DIR }),
  /** Where revocations are announced; when absent, they are heard within this process or on the identity service's event stream. */
  redisUrl: redisUrlSetting,
  /** The identity service's Redis prefix, under which it announces revocations. */
  authRedisPrefix: setting('AUTH_REDIS_PREFIX', Type.String({ default: 'keyhold:', pattern: '^[A-Za-z0-9:_-]*$' })),
  /** Accept `?access_token=` (RFC 6750 §2.3); off by default as RFC 9700 advises. */
  allowQueryToken: setting('ALLOW_QUERY_TOKEN', Type.Boolean({ default: false })),
  /** Introspection cache: longest life of an entry in seconds (0 = no cache), and most entries kept. */
  cache: {
    maxAge: setting('INTROSPECTION_CACHE_MAX_AGE', Type.Integer({ default: 5, minimum: 0, maximum: 300 })),
    size: setting('INTROSPECTION_CACHE_SIZE', Type.Integer({ default: 10_000, minimum: 1 }))
  },
  introspectionTimeoutMs: setting('INTROSPECTION_TIMEOUT_MS', Type.Integer({ default: 2000, minimum: 100 })),
  /** The logbook API, which a ship's log is read from on the user's behalf; without it, /api/ships/:id/log is 404. */
  logbook: {
    url: setting('LOGBOOK_URL', Type.Optional(HttpUrl)),
    /** Its identifier, the `aud` of the tokens exchanged for it; by default its URL. */
    audience: setting('LOGBOOK_AUDIENCE', Type.Optional(HttpUrl))
  },
  /** Fewest seconds between two JWKS fetches caused by an unknown key id. */
  jwksRefreshInterval: setting('JWKS_REFRESH_INTERVAL', Type.Integer({ default: 30, minimum: 0 }))
}

export { ConfigError } from '@keyhold/service-kit/config'

/** The client's credentials as the plugin takes them; a key that is not a JSON object is named as the culprit. */
function credentialsOf ({ id, secret, privateKey, keyAlg }: { id: string, secret?: string | undefined, privateKey?: string | undefined, keyAlg: string }): ClientCredentials {
  if ((secret === undefined) === (privateKey === undefined)) {
    throw invalidConfiguration('exactly one of RESOURCE_CLIENT_SECRET and RESOURCE_CLIENT_PRIVATE_KEY must be set')
  }
  if (secret !== undefined) return { clientId: id, clientSecret: secret }
  let jwk: unknown
  try { jwk = JSON.parse(privateKey!) } catch { jwk = undefined }
  if (jwk === null || typeof jwk !== 'object' || typeof (jwk as { d?: unknown }).d !== 'string') {
    throw invalidConfiguration('RESOURCE_CLIENT_PRIVATE_KEY must be a private JWK, in JSON')
  }
  return { clientId: id, privateKey: jwk as Record<string, unknown>, alg: keyAlg as 'ES256' }
}

export function loadConfig (env: Record<string, string | undefined>) {
  const { authUrl, issuer, logbook, client, ...config } = readServerConfig(settings, env)
  const base = authUrl.replace(/\/+$/, '')
  const logbookUrl = logbook.url?.replace(/\/+$/, '')
  return {
    ...config,
    client: { id: client.id, credentials: credentialsOf(client) },
    // Behind a container network the identity service is reached at another address than it names itself by.
    authUrl: base,
    issuer: issuer ?? base,
    logbook: logbookUrl === undefined ? undefined : { url: logbookUrl, audience: logbook.audience ?? logbookUrl }
  }
}

export type ResourceConfig = ReturnType<typeof loadConfig>
