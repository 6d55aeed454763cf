// The form every URI a client registers must have (RFC 3986): what redirect and logout URIs share.

/** Why `uri` is not an absolute URI a client can be held to, or the URL it is. The problem never repeats the URI. */
export function uriFormProblem (uri: string): { problem: string } | { url: URL } {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return { problem: 'is not an absolute URI' }
  }
  // Whitespace, control and non-ASCII characters, missing slashes, upper-case hosts and default ports all
  // come back changed: only a URI already in its one serialised form is compared byte for byte later.
  if (url.href !== uri) return { problem: 'is not an absolute URI in its normalised form' }
  if (uri.includes('#')) return { problem: 'must not contain a fragment' }
  if (url.username !== '' || url.password !== '') return { problem: 'must not contain user information' }
  if (url.port === '0') return { problem: 'must use a port from 1 to 65535' }
  return { url }
}
