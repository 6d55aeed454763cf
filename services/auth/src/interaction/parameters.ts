// Parameters carried between the pages of the browser flow: the pending /authorize request and where to go back.
import type { AuthorizeQuery } from '@keyhold/contracts'
import { AuthorizeQuery as AuthorizeQuerySchema } from '@keyhold/contracts'
import { Value } from 'typebox/value'
import { InvalidRequest } from '../oauth/errors.js'
import { normaliseParameters } from '../oauth/form-endpoint.js'

const AUTHORIZE_PATH = '/authorize'

/** The query string of an /authorize URL, as the consent form carries it. */
export const queryOf = (url: string): string => url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''

export function parseAuthorizeQuery (query: string): AuthorizeQuery {
  const parameters: Record<string, unknown> = {}
  for (const [name, value] of new URLSearchParams(query)) {
    parameters[name] = name in parameters ? [parameters[name], value] : value
  }
  normaliseParameters(parameters)
  const known = Value.Clean(AuthorizeQuerySchema, parameters)
  if (!Value.Check(AuthorizeQuerySchema, known)) throw new InvalidRequest('the authorization request is malformed')
  return known
}

/**
 * Where the login form may send the browser back to: only this service's own /authorize, as a relative path.
 * Anything else (another host, a scheme-relative //host, a backslash trick) is ignored, so there is no open redirect.
 */
export function safeReturnTo (returnTo: string | undefined): string | undefined {
  if (returnTo === undefined || !returnTo.startsWith(`${AUTHORIZE_PATH}?`) || /[\\\s]/.test(returnTo)) return undefined
  const base = 'http://keyhold.invalid'
  const url = new URL(returnTo, base)
  return url.origin === base && url.pathname === AUTHORIZE_PATH ? `${url.pathname}${url.search}` : undefined
}
