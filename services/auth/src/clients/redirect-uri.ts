// Which redirect URIs a client may register (RFC 3986, RFC 9700 §2.1, RFC 8252 §7 and §8.3).

/** Loopback IP literals only: `localhost` may resolve elsewhere (RFC 8252 §8.3). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]'])

// Private-use schemes of native apps must be reverse domain names (RFC 8252 §7.1).
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/

export function isLoopback (url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname)
}

/** Why `uri` cannot be registered, or undefined when it can. The description never repeats the URI. */
export function redirectUriProblem (uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return 'is not an absolute URI'
  }
  // Whitespace, control and non-ASCII characters, missing slashes, upper-case hosts and default ports all
  // come back changed: only a URI already in its one serialised form is compared byte for byte later.
  if (url.href !== uri) return 'is not an absolute URI in its normalised form'
  if (uri.includes('#')) return 'must not contain a fragment'
  if (uri.includes('*')) return 'must not contain a wildcard'
  if (url.username !== '' || url.password !== '') return 'must not contain user information'
  if (url.port === '0') return 'must use a port from 1 to 65535'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:') return isLoopback(url) ? undefined : 'must use https unless it is the loopback address 127.0.0.1 or [::1]'
  return PRIVATE_USE_SCHEME.test(url.protocol) ? undefined : 'uses a scheme that is not allowed'
}

export const isRegistrableRedirectUri = (uri: string): boolean => redirectUriProblem(uri) === undefined
