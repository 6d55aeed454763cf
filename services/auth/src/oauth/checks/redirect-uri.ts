// Which redirect URI an authorization request may use (RFC 9700 §4.1.3, RFC 8252 §7.3).
import type { Client } from '../../clients/client.js'
import { isRegistrableRedirectUri, LOOPBACK_HOSTS } from '../../clients/redirect-uri.js'
import { InvalidRequest } from '../../errors.js'

const LOOPBACK_ORIGIN = new RegExp(`^http://(${[...LOOPBACK_HOSTS].map((host) => host.replace(/[.[\]]/g, '\\$&')).join('|')})(?::(\\d+))?(?=[/?]|$)`)
const MAX_PORT = 65535

/** The URI with its loopback port taken out, or undefined when it is no loopback URI or its port is not 1–65535. */
function withoutLoopbackPort (uri: string): string | undefined {
  const origin = LOOPBACK_ORIGIN.exec(uri)
  if (!origin) return undefined
  const port = origin[2]
  if (port !== undefined && !(/^[1-9]\d*$/.test(port) && Number(port) <= MAX_PORT)) return undefined
  return `http://${origin[1]}${uri.slice(origin[0].length)}`
}

/** Exact string comparison, except that native apps listen on a loopback port of their choosing. */
export function redirectUriMatches (registered: string, given: string): boolean {
  if (registered === given) return true
  const registeredRest = withoutLoopbackPort(registered)
  return registeredRest !== undefined && registeredRest === withoutLoopbackPort(given)
}

/**
 * The redirect URI to answer at: the given one when it matches a registered one exactly, or the only registered
 * one when none is given. Thrown errors must be shown to the user, never sent to an unchecked URI.
 */
export function checkRedirectUri (client: Client, given: string | undefined): string {
  // A URI stored before registration refused its form is never answered at.
  const registered = client.redirectUris.filter(isRegistrableRedirectUri)
  if (given === undefined) {
    if (client.redirectUris.length > 1) throw new InvalidRequest('redirect_uri is required: the client has registered more than one')
    if (registered.length === 1) return registered[0]!
    throw new InvalidRequest('the client has no usable redirect URI')
  }
  if (!registered.some((uri) => redirectUriMatches(uri, given))) {
    throw new InvalidRequest('redirect_uri does not match any registered for the client')
  }
  return given
}
