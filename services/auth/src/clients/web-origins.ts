// The web origins of a client (RFC 6454): where its pages run, read from its https and loopback http redirect URIs.
// A browser app on one of them may call the token, revocation and userinfo endpoints; native apps' schemes have none.
import { redirectUriProblem } from './redirect-uri.js'

/** The origin (scheme://host[:port]) of a redirect URI a browser can be at, or undefined for any other URI. */
export function webOriginOf (uri: string): string | undefined {
  // Only a URI registrable today is answered at (RFC 8252 §8.3 keeps http to 127.0.0.1 and [::1]), so only such a
  // URI, including one stored before the rules, names an origin.
  if (redirectUriProblem(uri) !== undefined) return undefined
  const url = new URL(uri)
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined
}

export function webOriginsOf (uris: readonly string[]): string[] {
  return [...new Set(uris.map(webOriginOf).filter((origin) => origin !== undefined))]
}

/**
 * Whether `value` is an origin some client could have registered, exactly as a browser serialises it in `Origin`:
 * `null`, paths, default ports and anything malformed are not, and need no lookup.
 */
export const isWebOrigin = (value: string): boolean => webOriginOf(`${value}/`) === value
