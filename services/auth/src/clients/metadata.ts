// Checks client metadata (RFC 7591 §2, OpenID Connect Registration §2) and turns it into the fields we store.
import { TOKEN_EXCHANGE_GRANT, type AdminClientMetadata, type ClientMetadata, type GrantType } from '@keyhold/contracts'
import { ACCOUNT_SCOPE } from '../identity-scopes.js'
import { InvalidClientMetadata, InvalidRedirectUri } from '../errors.js'
import type { ClientFields } from './client.js'
import { toKeyFields } from './key-metadata.js'
import { toLogoutFields } from './logout-metadata.js'
import { redirectUriProblem } from './redirect-uri.js'

const REDIRECTING_GRANTS: GrantType[] = ['authorization_code', 'implicit']
const CONFIDENTIAL_ONLY_GRANTS: GrantType[] = ['client_credentials', TOKEN_EXCHANGE_GRANT]
/** Grants only an administrator may give: legacy flows for first-party apps, and acting for users at other APIs. */
const ADMIN_ONLY_GRANTS: GrantType[] = ['password', 'implicit', TOKEN_EXCHANGE_GRANT]

/**
 * The stored fields of a client. Dynamic registration passes plain metadata: whatever else a registrant sends
 * (first_party included) is ignored, as RFC 7591 §2 asks of unknown metadata.
 */
export function toClientFields (metadata: ClientMetadata, by: { byAdmin: false }): ClientFields
export function toClientFields (metadata: AdminClientMetadata, by: { byAdmin: true }): ClientFields
export function toClientFields (metadata: AdminClientMetadata, { byAdmin }: { byAdmin: boolean }): ClientFields {
  const grantTypes = metadata.grant_types ?? ['authorization_code']
  const responseTypes = metadata.response_types ??
    [...(grantTypes.includes('authorization_code') ? ['code' as const] : []), ...(grantTypes.includes('implicit') ? ['token' as const] : [])]
  const authMethod = metadata.token_endpoint_auth_method ?? 'client_secret_basic'
  const redirectUris = [...new Set(metadata.redirect_uris ?? [])]
  const scopes = metadata.scope === undefined ? [] : [...new Set(metadata.scope.split(' '))]
  const firstParty = byAdmin && metadata.first_party === true

  const adminOnly = grantTypes.filter((grant) => ADMIN_ONLY_GRANTS.includes(grant))
  if (!byAdmin && adminOnly.length > 0) throw new InvalidClientMetadata(`grant types only an administrator may enable: ${adminOnly.join(', ')}`)
  if (!firstParty && scopes.includes(ACCOUNT_SCOPE)) {
    throw new InvalidClientMetadata(`only first-party clients may hold the ${ACCOUNT_SCOPE} scope`)
  }
  if (responseTypes.includes('code') !== grantTypes.includes('authorization_code')) {
    throw new InvalidClientMetadata("response type 'code' goes with the authorization_code grant")
  }
  if (responseTypes.some((type) => type !== 'code') !== grantTypes.includes('implicit')) {
    throw new InvalidClientMetadata("response types other than 'code' go with the implicit grant, and it needs one of them")
  }
  const confidentialOnly = grantTypes.filter((grant) => CONFIDENTIAL_ONLY_GRANTS.includes(grant))
  if (authMethod === 'none' && confidentialOnly.length > 0) {
    throw new InvalidClientMetadata(`public clients cannot use the ${confidentialOnly.join(', ')} grant`)
  }
  if (grantTypes.some((grant) => REDIRECTING_GRANTS.includes(grant)) && redirectUris.length === 0) {
    throw new InvalidRedirectUri('redirect_uris are required for the authorization_code and implicit grants')
  }
  for (const [index, uri] of (metadata.redirect_uris ?? []).entries()) {
    const problem = redirectUriProblem(uri)
    if (problem) throw new InvalidRedirectUri(`redirect_uris[${index}] ${problem}`)
  }

  return {
    name: metadata.client_name,
    redirectUris,
    grantTypes,
    responseTypes,
    scopes,
    authMethod,
    firstParty,
    idTokenSigningAlg: metadata.id_token_signed_response_alg ?? 'RS256',
    introspectionSigningAlg: metadata.introspection_signed_response_alg ?? 'RS256',
    requireSecondFactor: metadata.require_second_factor === true,
    ...toLogoutFields(metadata),
    ...toKeyFields(metadata, authMethod)
  }
}
