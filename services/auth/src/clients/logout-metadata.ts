// Checks the logout metadata (OpenID Connect RP-Initiated Logout §3.1, Back-Channel Logout §2.2) and turns it into stored fields.
import type { ClientMetadata } from '@keyhold/contracts'
import { InvalidClientMetadata } from '../errors.js'
import type { ClientFields } from './client.js'
import { redirectUriProblem } from './redirect-uri.js'
import { uriFormProblem } from './uri-form.js'

type LogoutFields = Pick<ClientFields, 'postLogoutRedirectUris' | 'backchannelLogoutUri' | 'backchannelLogoutSessionRequired'>

const MAX_URI_LENGTH = 2000
// This server calls the URI, not a browser: a name it resolves itself is as local as the literal, unlike RFC 8252 §8.3.
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '[::1]' || LOOPBACK_IPV4.test(host)

/** Why logout tokens cannot be posted to `uri`, or undefined when they can. The description never repeats the URI. */
export function backchannelLogoutUriProblem (uri: string): string | undefined {
  if (uri.length > MAX_URI_LENGTH) return `must be at most ${MAX_URI_LENGTH} characters`
  const form = uriFormProblem(uri)
  if ('problem' in form) return form.problem
  const { protocol, hostname } = form.url
  if (protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname))) return undefined
  return 'must use https unless it is a loopback address'
}

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
  const problem = uri === undefined ? undefined : backchannelLogoutUriProblem(uri)
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
