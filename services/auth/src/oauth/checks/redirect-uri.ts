// Which redirect URI an authorization request may use (RFC 9700 §4.1.3, RFC 8252 §7.3).
import type { Client } from '../../clients/client.js'
import { InvalidRequest } from '../errors.js'

const LOOPBACK_PORT = /^(http:\/\/(?:127\.0\.0\.1|\[::1\]|localhost))(?::\d{1,5})?(?=[/?]|$)/

/** Native apps listen on a port of their choosing, so loopback URIs match whatever the port. */
const withoutLoopbackPort = (uri: string): string => uri.replace(LOOPBACK_PORT, '$1')

export function redirectUriMatches (registered: string, given: string): boolean {
  if (registered === given) return true
  return LOOPBACK_PORT.test(registered) && withoutLoopbackPort(registered) === withoutLoopbackPort(given)
}

/**
 * The redirect URI to answer at: the given one when it matches a registered one exactly, or the only registered
 * one when none is given. Thrown errors must be shown to the user, never sent to an unchecked URI.
 */
export function checkRedirectUri (client: Client, given: string | undefined): string {
  if (given === undefined) {
    if (client.redirectUris.length === 1) return client.redirectUris[0]!
    throw new InvalidRequest('redirect_uri is required: the client has registered more than one')
  }
  if (!client.redirectUris.some((registered) => redirectUriMatches(registered, given))) {
    throw new InvalidRequest('redirect_uri does not match any registered for the client')
  }
  return given
}
