// The identity service's configuration: each setting's variable, schema and default, checked at start.
import { fileURLToPath } from 'node:url'
import Type from 'typebox'
import { ConfigError, invalidConfiguration, setting, type ConfigOf } from '@keyhold/service-kit/config'
import { postgresSettings, readServerConfig, redisUrlSetting, serverSettings } from '@keyhold/service-kit/server-settings'

const seconds = (defaultSeconds: number, minimum = 1) => Type.Integer({ default: defaultSeconds, minimum })
const count = (defaultCount: number) => Type.Integer({ default: defaultCount, minimum: 1 })
// From src/ and from dist/ alike: the repository's .data folder, wherever the process was started.
// A sender as a From header takes it: `address` or `Display Name <address>`, on one line.
const MAILBOX = '^([^\\r\\n<>"]*<[^\\s<>@]+@[^\\s<>@]+>|[^\\s<>@]+@[^\\s<>@]+)$'
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data/auth', import.meta.url))

const settings = {
  ...serverSettings({ port: 4000 }),
  issuer: setting('ISSUER', Type.String({ default: 'http://127.0.0.1:4000', pattern: '^https?://[^?#]+[^/?#]$' })),
  ...postgresSettings({ dataDir: DEFAULT_DATA_DIR }),
  /** Redis to connect to; when absent, the short-lived stores live in this process's memory. */
  redisUrl: redisUrlSetting,
  redisPrefix: setting('REDIS_PREFIX', Type.String({ default: 'keyhold:', pattern: '^[A-Za-z0-9:_-]*$' })),
  /** Without Redis, the most entries each in-memory store holds; a full store answers 503 rather than evict. */
  memoryStoreCapacity: setting('MEMORY_STORE_CAPACITY', Type.Integer({ default: 100_000, minimum: 10, maximum: 10_000_000 })),
  /** Root secret: keys for client-secret hashing and signing-key encryption are derived from it. */
  secret: setting('AUTH_SECRET', Type.String({ minLength: 32 })),
  adminToken: setting('ADMIN_TOKEN', Type.String({ minLength: 32 })),
  /** Lifetime of access tokens for an API that sets none of its own. */
  accessTokenTtl: setting('ACCESS_TOKEN_TTL', Type.Integer({ default: 3600, minimum: 60, maximum: 86400 })),
  idTokenTtl: setting('ID_TOKEN_TTL', Type.Integer({ default: 3600, minimum: 60, maximum: 86400 })),
  dynamicRegistration: setting('DYNAMIC_REGISTRATION', Type.Boolean({ default: false })),
  /** Failed client authentications allowed per client and address within the window (seconds). */
  clientAuth: {
    maxFailures: setting('CLIENT_AUTH_MAX_FAILURES', count(10)),
    failureWindow: setting('CLIENT_AUTH_FAILURE_WINDOW', seconds(300))
  },
  /**
   * The key sets private_key_jwt clients publish at their jwks_uri: how long one fetched is used (seconds), how soon
   * an assertion naming a key not in it may fetch it again (seconds), and the time limit on a fetch (milliseconds).
   */
  clientJwks: {
    maxAge: setting('CLIENT_JWKS_MAX_AGE', Type.Integer({ default: 300, minimum: 1, maximum: 86400 })),
    refreshInterval: setting('CLIENT_JWKS_REFRESH_INTERVAL', Type.Integer({ default: 30, minimum: 1, maximum: 3600 })),
    timeoutMs: setting('CLIENT_JWKS_TIMEOUT_MS', Type.Integer({ default: 3000, minimum: 10, maximum: 30_000 }))
  },
  /** Wrong admin tokens allowed per address within the window (seconds). */
  adminAuth: {
    maxFailures: setting('ADMIN_AUTH_MAX_FAILURES', count(10)),
    failureWindow: setting('ADMIN_AUTH_FAILURE_WINDOW', seconds(900))
  },
  /**
   * Signing keys: seconds from a key's creation until every instance signs with it (it is published at once; this must
   * exceed how long verifiers may keep the old key set: /jwks.json's max-age of 60 s plus their refresh interval), and,
   * when set, seconds between scheduled rotations of each algorithm's key.
   */
  signingKeys: {
    activationDelay: setting('SIGNING_KEY_ACTIVATION_DELAY', Type.Integer({ default: 180, minimum: 1, maximum: 86400 })),
    rotationInterval: setting('SIGNING_KEY_ROTATION_INTERVAL', Type.Optional(Type.Integer({ minimum: 3600, maximum: 400 * 86400 })))
  },
  /** Lifetime in seconds of each refresh token; every rotation starts a new one. */
  refreshTokenTtl: setting('REFRESH_TOKEN_TTL', seconds(30 * 86400, 60)),
  /** Longest life in seconds of a grant from the user's authorization: its refresh tokens never outlive it. */
  grantMaxLifetime: setting('GRANT_MAX_LIFETIME', seconds(90 * 86400, 60)),
  /** Lifetime in seconds of a browser login session. */
  sessionTtl: setting('SESSION_TTL', seconds(8 * 3600, 60)),
  /**
   * Failed sign-ins allowed within the window (seconds): per username and address, per address, and per username
   * from addresses the account has not signed in from within `knownAddressTtl` seconds.
   */
  login: {
    maxFailures: setting('LOGIN_MAX_FAILURES', count(5)),
    maxFailuresPerAddress: setting('LOGIN_MAX_FAILURES_PER_ADDRESS', count(50)),
    maxFailuresPerUsername: setting('LOGIN_MAX_FAILURES_PER_USERNAME', count(100)),
    failureWindow: setting('LOGIN_FAILURE_WINDOW', seconds(900)),
    knownAddressTtl: setting('LOGIN_KNOWN_ADDRESS_TTL', seconds(30 * 86400, 60))
  },
  /**
   * Second factors: whether every sign-in needs one (REQUIRE_SECOND_FACTOR; clients may also require one each), wrong
   * codes allowed per user within LOGIN_FAILURE_WINDOW, after which the pending sign-in ends, and seconds a sign-in may
   * wait between its password and its second factor.
   */
  secondFactor: {
    required: setting('REQUIRE_SECOND_FACTOR', Type.Boolean({ default: false })),
    maxFailures: setting('SECOND_FACTOR_MAX_FAILURES', count(5)),
    pendingTtl: setting('SECOND_FACTOR_PENDING_TTL', Type.Integer({ default: 300, minimum: 30, maximum: 3600 }))
  },
  /** Sign-ups allowed per address within the window (seconds). */
  signUp: {
    max: setting('SIGNUP_RATE_LIMIT', count(10)),
    window: setting('SIGNUP_RATE_WINDOW', seconds(3600))
  },
  /** Email verification links: how long one lasts (seconds), and how many an account may ask to be sent again per window. */
  emailVerification: {
    ttl: setting('EMAIL_VERIFICATION_TTL', Type.Integer({ default: 86400, minimum: 60, maximum: 7 * 86400 })),
    maxResends: setting('EMAIL_VERIFICATION_MAX_RESENDS', count(5)),
    resendWindow: setting('EMAIL_VERIFICATION_RESEND_WINDOW', seconds(3600))
  },
  /**
   * Password reset links: how long one lasts (seconds, at most 30 minutes), and how many may be asked for within the
   * window (seconds) per email address typed, per account and per client address.
   */
  passwordReset: {
    ttl: setting('PASSWORD_RESET_TTL', Type.Integer({ default: 1800, minimum: 60, maximum: 1800 })),
    maxPerEmail: setting('PASSWORD_RESET_MAX_PER_EMAIL', count(3)),
    maxPerAccount: setting('PASSWORD_RESET_MAX_PER_ACCOUNT', count(5)),
    maxPerAddress: setting('PASSWORD_RESET_MAX_PER_ADDRESS', count(20)),
    window: setting('PASSWORD_RESET_WINDOW', seconds(3600))
  },
  /**
   * Where mail goes: an SMTP server (`smtp://` or `smtps://`, with any credentials in the URL) and the sender it names.
   * Without SMTP_URL, mail stays in this process: logged, and shown at /dev/outbox when the issuer is a loopback URL.
   */
  mail: {
    smtpUrl: setting('SMTP_URL', Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$', maxLength: 2000 }))),
    from: setting('MAIL_FROM', Type.String({ default: 'Keyhold <no-reply@localhost>', pattern: MAILBOX, maxLength: 320 }))
  },
  /**
   * The revocation event stream (POST /revocations): most streams open at once on this instance, most per client,
   * and seconds between two heartbeats.
   */
  revocationStreams: {
    max: setting('REVOCATION_STREAMS_MAX', Type.Integer({ default: 1000, minimum: 1, maximum: 100_000 })),
    perClient: setting('REVOCATION_STREAMS_PER_CLIENT', Type.Integer({ default: 4, minimum: 1, maximum: 1000 })),
    heartbeat: setting('REVOCATION_STREAM_HEARTBEAT', Type.Integer({ default: 15, minimum: 1, maximum: 300 }))
  },
  /**
   * Passkeys (WebAuthn): the relying party ID they are bound to, a host name (browsers refuse an IP address), and the
   * origin of the pages that use them, by default the issuer's host name and origin; how long a ceremony may take
   * (seconds), and the most passkeys one account holds.
   */
  webauthn: {
    rpId: setting('WEBAUTHN_RP_ID', Type.Optional(Type.String({ pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$', maxLength: 253 }))),
    origin: setting('WEBAUTHN_ORIGIN', Type.Optional(Type.String({ pattern: '^https?://[^/?#@]+$', maxLength: 2000 }))),
    challengeTtl: setting('WEBAUTHN_CHALLENGE_TTL', Type.Integer({ default: 300, minimum: 30, maximum: 3600 })),
    maxPasskeys: setting('PASSKEYS_MAX', Type.Integer({ default: 20, minimum: 1, maximum: 100 }))
  },
  /**
   * Requests sent to URLs clients registered (back-channel logout, webhooks), times in milliseconds: how often the
   * queue is polled, how many deliveries are under way at once, the time limit on one delivery, how long a claimed job
   * is held before another worker may take it over, and the wait before each retry (comma-separated: the first
   * attempt, then one per wait; the last failure is a dead letter).
   */
  delivery: {
    pollIntervalMs: setting('DELIVERY_POLL_INTERVAL_MS', Type.Integer({ default: 500, minimum: 10, maximum: 60_000 })),
    concurrency: setting('DELIVERY_CONCURRENCY', Type.Integer({ default: 10, minimum: 1, maximum: 100 })),
    timeoutMs: setting('DELIVERY_TIMEOUT_MS', Type.Integer({ default: 5000, minimum: 10, maximum: 60_000 })),
    leaseMs: setting('DELIVERY_LEASE_MS', Type.Integer({ default: 60_000, minimum: 20, maximum: 3_600_000 })),
    retryDelaysMs: setting('DELIVERY_RETRY_DELAYS_MS', Type.String({ default: '2000,10000,60000,300000,1800000', pattern: '^[0-9]{1,9}(,[0-9]{1,9}){0,19}$' }))
  }
}

type Settings = ConfigOf<typeof settings>

/** The relying party passkeys are registered with and verified for: never unset once the configuration is loaded. */
export interface WebAuthnSettings extends Omit<Settings['webauthn'], 'rpId' | 'origin'> { rpId: string, origin: string }

export type AuthConfig = Omit<Settings, 'webauthn'> & { webauthn: WebAuthnSettings }

export { ConfigError }

/**
 * WebAuthn's rules for the relying party (§5.1.4.1): the origin is the ID's host or below it, over https or on
 * localhost. Derived from the issuer they always hold together; an issuer on an IP address or plain http elsewhere
 * (as tests use) is allowed, and browsers then refuse its passkeys.
 */
function relyingParty (issuer: string, { rpId, origin, ...rest }: Settings['webauthn']): WebAuthnSettings {
  const issuerUrl = new URL(issuer)
  const chosen = { rpId: rpId ?? issuerUrl.hostname, origin: origin ?? issuerUrl.origin, ...rest }
  const { hostname, protocol } = new URL(chosen.origin)
  const problems = [
    ...(rpId !== undefined && /^[0-9.]+$/.test(rpId) ? ['WEBAUTHN_RP_ID must be a host name, not an IP address'] : []),
    ...(hostname !== chosen.rpId && !hostname.endsWith(`.${chosen.rpId}`) ? [`WEBAUTHN_ORIGIN (${chosen.origin}) must be on WEBAUTHN_RP_ID (${chosen.rpId}) or below it`] : []),
    ...(origin !== undefined && protocol === 'http:' && hostname !== 'localhost' ? ['WEBAUTHN_ORIGIN must be https, or http on localhost'] : [])
  ]
  if (problems.length > 0) throw invalidConfiguration(...problems)
  return chosen
}

export function loadConfig (env: Record<string, string | undefined>): AuthConfig {
  const raw = readServerConfig(settings, env)
  const config = { ...raw, webauthn: relyingParty(raw.issuer, raw.webauthn) }
  if (config.grantMaxLifetime < config.refreshTokenTtl) throw invalidConfiguration('GRANT_MAX_LIFETIME must be at least REFRESH_TOKEN_TTL')
  const { activationDelay, rotationInterval } = config.signingKeys
  if (rotationInterval !== undefined && rotationInterval <= activationDelay) {
    throw invalidConfiguration('SIGNING_KEY_ROTATION_INTERVAL must exceed SIGNING_KEY_ACTIVATION_DELAY')
  }
  // A job is claimed again once its lease runs out: that must never happen while its delivery can still be under way,
  // with room for clocks that differ between instances and a busy event loop.
  if (config.delivery.leaseMs < 2 * config.delivery.timeoutMs) throw invalidConfiguration('DELIVERY_LEASE_MS must be at least twice DELIVERY_TIMEOUT_MS')
  if (config.mail.smtpUrl !== undefined && !validSmtpUrl(config.mail.smtpUrl)) throw invalidConfiguration('SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…')
  return config
}

// The URL itself is never echoed: it may hold the SMTP password.
function validSmtpUrl (raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.hostname !== '' && (url.pathname === '' || url.pathname === '/')
  } catch {
    return false
  }
}
