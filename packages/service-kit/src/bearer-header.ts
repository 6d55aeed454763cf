// The Authorization header's Bearer credential (RFC 6750 §2.1), read the same way by every service.
import { BearerError } from './bearer-challenge.js'

// b64token after a case-insensitive scheme name, spaces around it allowed.
const BEARER_HEADER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i
const BEARER_SCHEME = /^bearer(?: |$)/i

/**
 * The token of a Bearer Authorization header; undefined when the request sent none (no header, or another scheme).
 * A Bearer header that is not well formed is RFC 6750 §3.1's invalid_request, 400.
 */
export function bearerFromHeader (header: string | undefined, realm: string): string | undefined {
  if (header === undefined || !BEARER_SCHEME.test(header)) return undefined
  const token = BEARER_HEADER.exec(header)?.[1]
  if (token === undefined) throw new BearerError(realm, 400, 'invalid_request', 'the Authorization header is not a well-formed Bearer credential')
  return token
}
