// The plugin's options, and the defaults and checks applied to them once, at registration.
import type { ClientCredentials } from './client-credentials.js'
import type { EventStreamOptions } from './revocations/event-stream.js'
import type { RevocationSource } from './revocations/feed.js'
import type { RedisFeedOptions } from './revocations/redis.js'

/**
 * How revocations reach the cache of introspection answers:
 * - `'events'` (default): the identity service's event stream, opened with `credentials`;
 * - `{ redis }`: the identity service's Redis channel, for a service that may connect to that Redis;
 * - `{ source }`: announcements within this process (an identity service running beside it);
 * - `'none'`: nothing is heard, so a revoked token may be accepted until its cached answer expires (`cache.maxAge`).
 */
export type RevocationOptions =
  | 'events'
  | { events: EventStreamOptions }
  | { redis: RedisFeedOptions }
  | { source: RevocationSource }
  | 'none'

export interface KeyholdOptions {
  /** The identity service's issuer identifier: every token accepted names it in `iss`; discovery starts there. */
  issuer: string
  /** Where the identity service is reached, when not at `issuer` (inside a container network, say). */
  url?: string
  /** This API's identifier: every token accepted names it in `aud`. */
  audience: string
  /** The confidential client this API introspects as: a client secret, or a private key for private_key_jwt. */
  credentials: ClientCredentials
  revocations?: RevocationOptions
  cache?: {
    /** Longest life of a cached introspection answer, in seconds (0–300; 0 caches nothing). Default 5. */
    maxAge?: number
    /** Most answers cached; the least recently used goes first. Default 10000. */
    size?: number
  }
  /** Bound on each call to the identity service, in milliseconds. Default 2000. */
  timeoutMs?: number
  /** Fewest seconds between two key fetches caused by an unknown key id. Default 30. */
  jwksRefreshInterval?: number
  /** Accept `?access_token=` (RFC 6750 §2.3); off by default, as RFC 9700 advises. */
  allowQueryToken?: boolean
  /** The realm named in `WWW-Authenticate`. Default `keyhold`. */
  realm?: string
}

export interface ResolvedOptions extends Required<Omit<KeyholdOptions, 'url' | 'cache' | 'revocations'>> {
  url: string
  cache: { maxAge: number, size: number }
  revocations: RevocationOptions
}

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === ''
  } catch {
    return false
  }
}

const integerIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max

function check (holds: boolean, problem: string): void {
  if (!holds) throw new TypeError(`@keyhold/fastify: ${problem}`)
}

export function resolveOptions (options: KeyholdOptions): ResolvedOptions {
  check(isHttpUrl(options.issuer), '`issuer` must be an http(s) URL without query or fragment')
  check(options.url === undefined || isHttpUrl(options.url), '`url` must be an http(s) URL without query or fragment')
  check(typeof options.audience === 'string' && options.audience !== '', '`audience` is required')
  const credentials = options.credentials
  check(typeof credentials?.clientId === 'string' && credentials.clientId !== '', '`credentials.clientId` is required')
  check(('clientSecret' in credentials && typeof credentials.clientSecret === 'string' && credentials.clientSecret !== '') ||
    ('privateKey' in credentials && typeof credentials.alg === 'string'), '`credentials` needs a `clientSecret`, or a `privateKey` and its `alg`')
  const resolved: ResolvedOptions = {
    issuer: options.issuer,
    url: (options.url ?? options.issuer).replace(/\/+$/, ''),
    audience: options.audience,
    credentials,
    revocations: options.revocations ?? 'events',
    cache: { maxAge: options.cache?.maxAge ?? 5, size: options.cache?.size ?? 10_000 },
    timeoutMs: options.timeoutMs ?? 2000,
    jwksRefreshInterval: options.jwksRefreshInterval ?? 30,
    allowQueryToken: options.allowQueryToken ?? false,
    realm: options.realm ?? 'keyhold'
  }
  check(integerIn(resolved.cache.maxAge, 0, 300), '`cache.maxAge` must be a whole number of seconds from 0 to 300')
  check(integerIn(resolved.cache.size, 1, 10_000_000), '`cache.size` must be a whole number from 1')
  check(integerIn(resolved.timeoutMs, 100, 60_000), '`timeoutMs` must be a whole number of milliseconds from 100 to 60000')
  check(integerIn(resolved.jwksRefreshInterval, 0, 86_400), '`jwksRefreshInterval` must be a whole number of seconds')
  return resolved
}
