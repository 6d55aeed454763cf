// Which redirect URIs a client may register (RFC 3986, RFC 9700 §2.1, RFC 8252 §7 and §8.3).
import { uriFormProblem } from './uri-form.js'

/** Loopback IP literals only: `localhost` may resolve elsewhere (RFC 8252 §8.3). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]'])

// Private-use schemes of native apps must be reverse domain names (RFC 8252 §7.1).
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/

export function isLoopback (url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname)
}

/** Why `uri` cannot be registered, or undefined when it can. The description never repeats the URI. */
export function redirectUriProblem (uri: string): string | undefined {
  const form = uriFormProblem(uri)
  if ('problem' in form) return form.problem
  const { url } = form
  if (uri.includes('*')) return 'must not contain a wildcard'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:') return isLoopback(url) ? undefined : 'must use https unless it is the loopback address 127.0.0.1 or [::1]'
  return PRIVATE_USE_SCHEME.test(url.protocol) ? undefined : 'uses a scheme that is not allowed'
}

export const isRegistrableRedirectUri = (uri: string): boolean => redirectUriProblem(uri) === undefined
