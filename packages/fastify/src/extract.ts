// Finds the access token of a request: the Authorization header (RFC 6750 §2.1), or the access_token query
// parameter (§2.3) where the application allows it — never both.
import type { FastifyRequest } from 'fastify'
import { invalidToken, malformedRequest, tokenRequired } from './errors.js'

/** The longest token the identity service will introspect. */
export const MAX_TOKEN_LENGTH = 4096

// b64token after a case-insensitive scheme name, spaces around it allowed.
const BEARER_HEADER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i
const BEARER_SCHEME = /^bearer(?: |$)/i

export function extractToken (request: FastifyRequest, allowQuery: boolean, realm: string): string {
  const fromHeader = headerToken(request.headers.authorization, realm)
  const fromQuery = queryToken(request, realm)

  if (fromHeader !== undefined && fromQuery !== undefined) {
    throw malformedRequest(realm, 'the access token was sent in more than one way')
  }
  const token = fromHeader ?? fromQuery
  if (token === undefined) throw tokenRequired(realm)
  // RFC 6750 §3.1: an unsupported way of sending a token is answered like no token at all.
  if (fromQuery !== undefined && !allowQuery) {
    throw tokenRequired(realm, 'access tokens are not accepted in the query string; send an Authorization: Bearer header')
  }
  if (token.length > MAX_TOKEN_LENGTH) throw invalidToken(realm, 'the access token is not valid')
  return token
}

/** Undefined when the request sent no Bearer header (none, or another scheme); a malformed one is invalid_request. */
function headerToken (header: string | undefined, realm: string): string | undefined {
  if (header === undefined || !BEARER_SCHEME.test(header)) return undefined
  const token = BEARER_HEADER.exec(header)?.[1]
  if (token === undefined) throw malformedRequest(realm, 'the Authorization header is not a well-formed Bearer credential')
  return token
}

function queryToken (request: FastifyRequest, realm: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined
  const value = query?.access_token
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') throw malformedRequest(realm, "the query parameter 'access_token' is repeated")
  return value
}
