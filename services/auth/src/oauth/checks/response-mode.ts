// response_mode (OAuth 2.0 Multiple Response Type Encoding Practices §2.1, Form Post Response Mode §2): where the
// answer goes. Tokens never go in the query, where logs and Referer headers would keep them.
import { InvalidRequest } from '../../errors.js'
import type { AuthorizationResponseType, ResponseMode } from '../../storage/types.js'

const MODES: ReadonlySet<string> = new Set<ResponseMode>(['query', 'fragment', 'form_post'])
const TOKEN_RESPONSE_TYPES: ReadonlySet<string> = new Set<AuthorizationResponseType>(['token', 'id_token', 'id_token token'])

/** Tokens go in the fragment (RFC 6749 §4.2.2); codes, and errors about a response type we do not know, in the query. */
const defaultMode = (responseType: string | undefined): ResponseMode =>
  responseType !== undefined && TOKEN_RESPONSE_TYPES.has(responseType) ? 'fragment' : 'query'

const allowed = (responseType: string | undefined, mode: string): boolean =>
  MODES.has(mode) && !(mode === 'query' && defaultMode(responseType) === 'fragment')

/** Where any answer to the request goes, errors included: the mode asked for when it may be used, else the default. */
export function responseModeFor (responseType: string | undefined, mode: string | undefined): ResponseMode {
  return mode !== undefined && allowed(responseType, mode) ? mode as ResponseMode : defaultMode(responseType)
}

export function checkResponseMode (responseType: string | undefined, mode: string | undefined): ResponseMode {
  if (mode !== undefined && !MODES.has(mode)) throw new InvalidRequest('response_mode must be query, fragment or form_post')
  if (mode !== undefined && !allowed(responseType, mode)) throw new InvalidRequest('response_mode=query cannot carry tokens')
  return responseModeFor(responseType, mode)
}
