// response_type (RFC 6749 §3.1.1, OpenID Connect Core §3): what the client asks to receive, within what it registered.
import type { Client } from '../../clients/client.js'
import { InvalidRequest, UnauthorizedClient, UnsupportedResponseType } from '../../errors.js'
import type { AuthorizationResponseType } from '../../storage/types.js'

const SUPPORTED: ReadonlySet<string> = new Set<AuthorizationResponseType>(['code', 'token', 'id_token', 'id_token token'])

/** Its values in one order: OAuth 2.0 Multiple Response Types §5 lets them come in any. */
export const normalisedResponseType = (responseType: string): string => responseType.split(' ').sort().join(' ')

export const returnsIdToken = (responseType: AuthorizationResponseType): boolean => responseType.startsWith('id_token')

export function checkResponseType (client: Client, responseType: string | undefined): AuthorizationResponseType {
  if (responseType === undefined) throw new InvalidRequest('response_type is required')
  const normalised = normalisedResponseType(responseType)
  if (!SUPPORTED.has(normalised)) throw new UnsupportedResponseType('response_type must be code, token, id_token or id_token token')
  const checked = normalised as AuthorizationResponseType
  if (!client.responseTypes.includes(checked)) throw new UnauthorizedClient(`the client is not allowed response_type '${checked}'`)
  return checked
}
