// Checks the logout metadata (OpenID Connect RP-Initiated Logout §3.1, Back-Channel Logout §2.2) and turns it into stored fields.
import type { ClientMetadata } from '@keyhold/contracts'
import { InvalidClientMetadata } from '../errors.js'
import type { ClientFields } from './client.js'
import { outboundUriProblem } from './outbound-uri.js'
import { redirectUriProblem } from './redirect-uri.js'

type LogoutFields = Pick<ClientFields, 'postLogoutRedirectUris' | 'backchannelLogoutUri' | 'backchannelLogoutSessionRequired'>

// RFC 7591's invalid_redirect_uri is for redirect_uris alone: every other URI is client metadata (RP-Initiated Logout §3.1).
function postLogoutRedirectUris (uris: string[]): string[] {
  for (const [index, uri] of uris.entries()) {
    const problem = redirectUriProblem(uri)
    if (problem) throw new InvalidClientMetadata(`post_logout_redirect_uris[${index}] ${problem}`)
  }
  return [...new Set(uris)]
}

export function toLogoutFields (metadata: ClientMetadata): LogoutFields {
  const uri = metadata.backchannel_logout_uri
  const problem = uri === undefined ? undefined : outboundUriProblem(uri)
  if (problem) throw new InvalidClientMetadata(`backchannel_logout_uri ${problem}`)
  const sessionRequired = metadata.backchannel_logout_session_required ?? false
  if (sessionRequired && uri === undefined) {
    throw new InvalidClientMetadata('backchannel_logout_session_required needs a backchannel_logout_uri')
  }
  return {
    postLogoutRedirectUris: postLogoutRedirectUris(metadata.post_logout_redirect_uris ?? []),
    ...(uri !== undefined && { backchannelLogoutUri: uri }),
    backchannelLogoutSessionRequired: sessionRequired
  }
}
