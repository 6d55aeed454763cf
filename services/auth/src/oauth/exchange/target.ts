// The API a token exchange asks for (RFC 8693 §2.1): named by `audience` (as the API calls itself) and/or `resource`
// (an absolute URI, RFC 8707 §2). Every name must come to one API: a token is issued for exactly one.
import type { TokenRequest } from '@keyhold/contracts'
import { InvalidTarget } from '../../errors.js'
import { isAbsoluteUri } from './api-identifier.js'

export function targetApi ({ audience = [], resource = [] }: Pick<TokenRequest, 'audience' | 'resource'>): string {
  if (resource.some((uri) => !isAbsoluteUri(uri))) throw new InvalidTarget('resource must be an absolute URI without a fragment')
  const named = new Set([...audience, ...resource])
  if (named.size === 0) throw new InvalidTarget('name the API the token is for with audience or resource')
  if (named.size > 1) throw new InvalidTarget('a token is issued for one API at a time')
  return [...named][0]!
}
