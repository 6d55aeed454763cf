// Finds the access token of a request: the Authorization header (RFC 6750 §2.1), or the
// access_token query parameter (§2.3) where the operator allows it — never both.
import type { FastifyRequest } from 'fastify'
import { bearerFromHeader } from '@keyhold/service-kit/bearer-header'
import { InvalidToken, MalformedBearerRequest, REALM, TokenRequired } from '../errors.js'
/** The longest token the identity service will introspect. */
export const MAX_TOKEN_LENGTH = 4096

export interface PresentedToken {
  token: string
  via: 'header' | 'query'
}

export function extractToken (request: FastifyRequest, allowQuery: boolean): PresentedToken {
  const fromHeader = bearerFromHeader(request.headers.authorization, REALM)
  const fromQuery = queryToken(request)

  if (fromHeader !== undefined && fromQuery !== undefined) {
    throw MalformedBearerRequest('the access token was sent in more than one way')
  }
  const presented: PresentedToken | undefined = fromHeader !== undefined
    ? { token: fromHeader, via: 'header' }
    : fromQuery !== undefined ? { token: fromQuery, via: 'query' } : undefined
  if (!presented) throw new TokenRequired()
  // RFC 6750 §3.1: an unsupported way of sending a token is answered like no token at all.
  if (presented.via === 'query' && !allowQuery) {
    throw new TokenRequired('access tokens are not accepted in the query string; send an Authorization: Bearer header')
  }
  if (presented.token.length > MAX_TOKEN_LENGTH) throw InvalidToken('the access token is not valid')
  return presented
}

function queryToken (request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown>).access_token
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') throw MalformedBearerRequest("the query parameter 'access_token' is repeated")
  return value
}
