// Whether a delivery may go to a URL a client supplied, decided before any traffic: its scheme, and every address its
// host resolves to, so that no client can make the service reach into its own network (SSRF).
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

export interface TargetPolicy {
  /** Loopback addresses allowed, and http to them: only for an issuer that is itself a loopback http URL (development). */
  allowLoopback: boolean
}

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>

export type Target =
  /** `address` is the one to connect to: the request must not look the host up again (DNS rebinding). */
  | { allowed: true, url: URL, address: ResolvedAddress }
  | { allowed: false, reason: string }

/** The system's resolver (hosts file included), every address it gives. */
export const systemResolve: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }))

const refused = (reason: string): Target => ({ allowed: false, reason })

/**
 * Where a delivery to `raw` may connect, or why it may not. A URL refused is refused for good; a host that cannot be
 * resolved now throws, to be tried again later.
 */
export async function checkTarget (raw: string, policy: TargetPolicy, resolve: Resolve = systemResolve): Promise<Target> {
  let url: URL
  try { url = new URL(raw) } catch { return refused('not an absolute URL') }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback)) return refused(`${url.protocol} is not allowed`)
  if (url.username !== '' || url.password !== '') return refused('credentials in the URL')

  // The URL parser has already turned every spelling of an IPv4 address (0x7f.1, 2130706433) into dotted decimal.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const family = isIP(host)
  const addresses = family === 0 ? await resolve(host) : [{ address: host, family: family as 4 | 6 }]
  if (addresses.length === 0) throw new Error(`${host} has no address`)

  // Every address, not only the one used: an answer mixing public and internal addresses is an attack, not a fallback.
  for (const { address } of addresses) {
    const range = rangeOf(address)
    if (range === 'loopback' ? !policy.allowLoopback : range !== 'unicast') return refused(`address ${address} is ${range}`)
    if (url.protocol === 'http:' && range !== 'loopback') return refused(`http: is only allowed to loopback, not ${address}`)
  }
  return { allowed: true, url, address: addresses[0]! }
}

/**
 * ipaddr.js's name for the range holding `address` ('unicast' for public ones), IPv4-mapped IPv6 addresses judged as
 * the IPv4 address they stand for. Its tables follow the IANA special-purpose registries, kept up to date there
 * rather than copied here.
 */
function rangeOf (address: string): string {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6
  try { parsed = ipaddr.process(address) } catch { return 'not an IP address' }
  const range = parsed.range()
  // IPv4-compatible addresses (::a.b.c.d, deprecated by RFC 4291) are 'unicast' to ipaddr.js: never a real host's.
  if (range === 'unicast' && parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return 'IPv4-compatible'
  return range
}

/** Whether `issuer` is an http URL on a loopback host: a development deployment, whose clients are local too. */
export function isLoopbackHttpIssuer (issuer: string): boolean {
  const url = new URL(issuer)
  return url.protocol === 'http:' && (url.hostname === 'localhost' || rangeOf(url.hostname.replace(/^\[(.*)\]$/, '$1')) === 'loopback')
}
