// Which redirect URIs a client may register (RFC 9700 §2.1, RFC 8252 §7).
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])

export function isLoopback (url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname)
}

/** Why `uri` cannot be registered, or undefined when it can. */
export function redirectUriProblem (uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return 'is not an absolute URI'
  }
  if (url.hash !== '' || uri.includes('#')) return 'must not contain a fragment'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:') return isLoopback(url) ? undefined : 'must use https unless it is a loopback address'
  // Private-use schemes of native apps must be reverse domain names (RFC 8252 §7.1).
  return /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(url.protocol) ? undefined : `scheme ${url.protocol} is not allowed`
}
