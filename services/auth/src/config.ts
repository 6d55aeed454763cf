// The identity service's configuration: one schema for the environment, checked at start.
import { fileURLToPath } from 'node:url'
import Type from 'typebox'
import { ConfigError, readEnv } from '@keyhold/service-kit/config'
import { listenerTimeouts, ListenerTimeoutsEnv, type ListenerTimeouts } from '@keyhold/service-kit/listener-timeouts'

const Url = Type.String({ pattern: '^[a-z][a-z0-9+.-]*://', maxLength: 2000 })
// From src/ and from dist/ alike: the repository's .data folder, wherever the process was started.
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data/auth', import.meta.url))

const EnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ default: 4000, minimum: 0, maximum: 65535 }),
  ISSUER: Type.String({ default: 'http://127.0.0.1:4000', pattern: '^https?://[^?#]+[^/?#]$' }),
  DATABASE_URL: Type.Optional(Url),
  REDIS_URL: Type.Optional(Url),
  DATA_DIR: Type.String({ default: DEFAULT_DATA_DIR, minLength: 1 }),
  REDIS_PREFIX: Type.String({ default: 'keyhold:', pattern: '^[A-Za-z0-9:_-]*$' }),
  MEMORY_STORE_CAPACITY: Type.Integer({ default: 100_000, minimum: 10, maximum: 10_000_000 }),
  AUTH_SECRET: Type.String({ minLength: 32 }),
  ADMIN_TOKEN: Type.String({ minLength: 32 }),
  ACCESS_TOKEN_AUDIENCE: Type.String({ default: 'http://127.0.0.1:4001', minLength: 1 }),
  ACCESS_TOKEN_TTL: Type.Integer({ default: 3600, minimum: 60, maximum: 86400 }),
  DYNAMIC_REGISTRATION: Type.Boolean({ default: false }),
  CLIENT_AUTH_MAX_FAILURES: Type.Integer({ default: 10, minimum: 1 }),
  CLIENT_AUTH_FAILURE_WINDOW: Type.Integer({ default: 300, minimum: 1 }),
  ADMIN_AUTH_MAX_FAILURES: Type.Integer({ default: 10, minimum: 1 }),
  ADMIN_AUTH_FAILURE_WINDOW: Type.Integer({ default: 900, minimum: 1 }),
  REFRESH_TOKEN_TTL: Type.Integer({ default: 30 * 86400, minimum: 60 }),
  GRANT_MAX_LIFETIME: Type.Integer({ default: 90 * 86400, minimum: 60 }),
  SESSION_TTL: Type.Integer({ default: 8 * 3600, minimum: 60 }),
  LOGIN_MAX_FAILURES: Type.Integer({ default: 5, minimum: 1 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: Type.Integer({ default: 50, minimum: 1 }),
  LOGIN_MAX_FAILURES_PER_USERNAME: Type.Integer({ default: 100, minimum: 1 }),
  LOGIN_KNOWN_ADDRESS_TTL: Type.Integer({ default: 30 * 86400, minimum: 60 }),
  LOGIN_FAILURE_WINDOW: Type.Integer({ default: 900, minimum: 1 }),
  SIGNUP_RATE_LIMIT: Type.Integer({ default: 10, minimum: 1 }),
  SIGNUP_RATE_WINDOW: Type.Integer({ default: 3600, minimum: 1 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10000, minimum: 0 }),
  ...ListenerTimeoutsEnv
})

export interface AuthConfig {
  host: string
  port: number
  issuer: string
  /** Postgres to connect to; when absent, an embedded Postgres (PGlite) keeps its files in `dataDir`. */
  databaseUrl: string | undefined
  /** Redis to connect to; when absent, the short-lived stores live in this process's memory. */
  redisUrl: string | undefined
  dataDir: string
  redisPrefix: string
  /** Without Redis, the most entries each in-memory store holds; a full store answers 503 rather than evict. */
  memoryStoreCapacity: number
  /** Root secret: keys for client-secret hashing and signing-key encryption are derived from it. */
  secret: string
  adminToken: string
  audience: string
  accessTokenTtl: number
  dynamicRegistration: boolean
  /** Failed client authentications allowed per client and address within the window (seconds). */
  clientAuth: { maxFailures: number, failureWindow: number }
  /** Lifetime in seconds of each refresh token; every rotation starts a new one. */
  refreshTokenTtl: number
  /** Longest life in seconds of a grant from the user's authorization: its refresh tokens never outlive it. */
  grantMaxLifetime: number
  /** Lifetime in seconds of a browser login session. */
  sessionTtl: number
  /** Wrong admin tokens allowed per address within the window (seconds). */
  adminAuth: { maxFailures: number, failureWindow: number }
  /**
   * Failed sign-ins allowed within the window (seconds): per username and address, per address, and per username
   * from addresses the account has not signed in from within `knownAddressTtl` seconds.
   */
  login: {
    maxFailures: number
    maxFailuresPerAddress: number
    maxFailuresPerUsername: number
    failureWindow: number
    knownAddressTtl: number
  }
  /** Sign-ups allowed per address within the window (seconds). */
  signUp: { max: number, window: number }
  logLevel: string
  shutdownGraceMs: number
  /** Limits on how long a connection may take over a request or sit idle. */
  timeouts: ListenerTimeouts
}

export { ConfigError }

function grantMaxLifetime (value: { GRANT_MAX_LIFETIME: number, REFRESH_TOKEN_TTL: number }): number {
  if (value.GRANT_MAX_LIFETIME < value.REFRESH_TOKEN_TTL) {
    throw new ConfigError('invalid configuration:\n  GRANT_MAX_LIFETIME must be at least REFRESH_TOKEN_TTL')
  }
  return value.GRANT_MAX_LIFETIME
}

export function loadConfig (env: Record<string, string | undefined>): AuthConfig {
  const value = readEnv(EnvSchema, env)
  return {
    host: value.HOST,
    port: value.PORT,
    issuer: value.ISSUER,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    dataDir: value.DATA_DIR,
    redisPrefix: value.REDIS_PREFIX,
    memoryStoreCapacity: value.MEMORY_STORE_CAPACITY,
    secret: value.AUTH_SECRET,
    adminToken: value.ADMIN_TOKEN,
    audience: value.ACCESS_TOKEN_AUDIENCE,
    accessTokenTtl: value.ACCESS_TOKEN_TTL,
    dynamicRegistration: value.DYNAMIC_REGISTRATION,
    clientAuth: { maxFailures: value.CLIENT_AUTH_MAX_FAILURES, failureWindow: value.CLIENT_AUTH_FAILURE_WINDOW },
    adminAuth: { maxFailures: value.ADMIN_AUTH_MAX_FAILURES, failureWindow: value.ADMIN_AUTH_FAILURE_WINDOW },
    refreshTokenTtl: value.REFRESH_TOKEN_TTL,
    grantMaxLifetime: grantMaxLifetime(value),
    sessionTtl: value.SESSION_TTL,
    login: {
      maxFailures: value.LOGIN_MAX_FAILURES,
      maxFailuresPerAddress: value.LOGIN_MAX_FAILURES_PER_ADDRESS,
      maxFailuresPerUsername: value.LOGIN_MAX_FAILURES_PER_USERNAME,
      failureWindow: value.LOGIN_FAILURE_WINDOW,
      knownAddressTtl: value.LOGIN_KNOWN_ADDRESS_TTL
    },
    signUp: { max: value.SIGNUP_RATE_LIMIT, window: value.SIGNUP_RATE_WINDOW },
    logLevel: value.LOG_LEVEL,
    shutdownGraceMs: value.SHUTDOWN_GRACE_MS,
    timeouts: listenerTimeouts(value)
  }
}
