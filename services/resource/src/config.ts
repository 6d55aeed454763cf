// The resource service's configuration: one schema for the environment, checked at start.
import { fileURLToPath } from 'node:url'
import Type from 'typebox'
import { readEnv } from '@keyhold/service-kit/config'
import { listenerTimeouts, ListenerTimeoutsEnv, type ListenerTimeouts } from '@keyhold/service-kit/listener-timeouts'

const Url = Type.String({ pattern: '^[a-z][a-z0-9+.-]*://', maxLength: 2000 })
const HttpUrl = Type.String({ pattern: '^https?://[^?#]+$', maxLength: 2000 })
// From src/ and from dist/ alike: the repository's .data folder, wherever the process was started.
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data/resource', import.meta.url))

const EnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ default: 4001, minimum: 0, maximum: 65535 }),
  AUTH_URL: Type.String({ ...HttpUrl, default: 'http://127.0.0.1:4000' }),
  ISSUER: Type.Optional(HttpUrl),
  AUDIENCE: Type.String({ default: 'http://127.0.0.1:4001', minLength: 1 }),
  RESOURCE_CLIENT_ID: Type.String({ minLength: 1 }),
  RESOURCE_CLIENT_SECRET: Type.String({ minLength: 1 }),
  DATABASE_URL: Type.Optional(Url),
  REDIS_URL: Type.Optional(Url),
  DATA_DIR: Type.String({ default: DEFAULT_DATA_DIR, minLength: 1 }),
  AUTH_REDIS_PREFIX: Type.String({ default: 'keyhold:', pattern: '^[A-Za-z0-9:_-]*$' }),
  ALLOW_QUERY_TOKEN: Type.Boolean({ default: false }),
  INTROSPECTION_CACHE_MAX_AGE: Type.Integer({ default: 5, minimum: 0, maximum: 300 }),
  INTROSPECTION_CACHE_SIZE: Type.Integer({ default: 10_000, minimum: 1 }),
  INTROSPECTION_TIMEOUT_MS: Type.Integer({ default: 2000, minimum: 100 }),
  JWKS_REFRESH_INTERVAL: Type.Integer({ default: 30, minimum: 0 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10000, minimum: 0 }),
  ...ListenerTimeoutsEnv
})

export interface ResourceConfig {
  host: string
  port: number
  /** Base URL of the identity service (introspection, JWKS). */
  authUrl: string
  /** The identity service's issuer identifier: every token it accepts names it in `iss`. */
  issuer: string
  /** This service's identifier: every token it accepts names it in `aud`. */
  audience: string
  /** The credentials this service introspects with (client_secret_basic). */
  client: { id: string, secret: string }
  /** Postgres to connect to; when absent, an embedded Postgres (PGlite) keeps its files in `dataDir`. */
  databaseUrl: string | undefined
  /** Where revocations are announced; when absent, only announcements within this process are heard. */
  redisUrl: string | undefined
  dataDir: string
  /** The identity service's Redis prefix, under which it announces revocations. */
  authRedisPrefix: string
  /** Accept `?access_token=` (RFC 6750 §2.3); off by default as RFC 9700 advises. */
  allowQueryToken: boolean
  /** Introspection cache: longest life of an entry in seconds (0 = no cache), and most entries kept. */
  cache: { maxAge: number, size: number }
  introspectionTimeoutMs: number
  /** Fewest seconds between two JWKS fetches caused by an unknown key id. */
  jwksRefreshInterval: number
  logLevel: string
  shutdownGraceMs: number
  /** Limits on how long a connection may take over a request or sit idle. */
  timeouts: ListenerTimeouts
}

export { ConfigError } from '@keyhold/service-kit/config'

export function loadConfig (env: Record<string, string | undefined>): ResourceConfig {
  const value = readEnv(EnvSchema, env)
  return {
    host: value.HOST,
    port: value.PORT,
    authUrl: value.AUTH_URL.replace(/\/+$/, ''),
    // Behind a container network the identity service is reached at another address than it names itself by.
    issuer: value.ISSUER ?? value.AUTH_URL.replace(/\/+$/, ''),
    audience: value.AUDIENCE,
    client: { id: value.RESOURCE_CLIENT_ID, secret: value.RESOURCE_CLIENT_SECRET },
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    dataDir: value.DATA_DIR,
    authRedisPrefix: value.AUTH_REDIS_PREFIX,
    allowQueryToken: value.ALLOW_QUERY_TOKEN,
    cache: { maxAge: value.INTROSPECTION_CACHE_MAX_AGE, size: value.INTROSPECTION_CACHE_SIZE },
    introspectionTimeoutMs: value.INTROSPECTION_TIMEOUT_MS,
    jwksRefreshInterval: value.JWKS_REFRESH_INTERVAL,
    logLevel: value.LOG_LEVEL,
    shutdownGraceMs: value.SHUTDOWN_GRACE_MS,
    timeouts: listenerTimeouts(value)
  }
}
