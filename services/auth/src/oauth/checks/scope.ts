// The scope of an authorization request (RFC 6749 §3.3, OpenID Connect Core §3.1.2.1, §11): well formed, within the
// client's and the requested resources' (RFC 8707), with openid wherever an id_token is asked for, and offline_access
// only where a refresh token can follow.
import { SCOPE_TOKEN } from '@keyhold/contracts'
import type { Api } from '../../apis/api.js'
import type { ApiCatalogue } from '../../apis/catalogue.js'
import type { Client } from '../../clients/client.js'
import { InvalidRequest, InvalidScope } from '../../errors.js'
import { OFFLINE_ACCESS_SCOPE, OPENID_SCOPE } from '../../identity-scopes.js'
import type { AuthorizationResponseType } from '../../storage/types.js'
import { clientScopes, parseScope } from '../scope.js'
import { grantedScopes } from '../targets.js'
import { returnsIdToken } from './response-type.js'

const SCOPE = new RegExp(`^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$`)

export function checkRequestScope (
  catalogue: ApiCatalogue, client: Client, scope: string | undefined, responseType: AuthorizationResponseType, apis: readonly Api[] | undefined
): string[] {
  if (scope !== undefined && !SCOPE.test(scope)) throw new InvalidScope('scope is malformed')
  const scopes = grantedScopes(catalogue, parseScope(scope), clientScopes(client, { forUser: true }), apis)
  if (returnsIdToken(responseType) && !scopes.includes(OPENID_SCOPE)) throw new InvalidRequest('an id_token is only issued with the openid scope')
  // Core §11: offline_access is ignored unless the code flow, with openid, asks for it.
  const offline = responseType === 'code' && scopes.includes(OPENID_SCOPE)
  return offline ? scopes : scopes.filter((requested) => requested !== OFFLINE_ACCESS_SCOPE)
}
