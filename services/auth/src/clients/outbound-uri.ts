// The form of a URI this server itself calls (back-channel logout, a client's key set): https, or http to a loopback
// host for development; where it may then connect is decided when it is called (delivery/target.ts).
import { uriFormProblem } from './uri-form.js'

const MAX_URI_LENGTH = 2000
// This server calls the URI, not a browser: a name it resolves itself is as local as the literal, unlike RFC 8252 §8.3.
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '[::1]' || LOOPBACK_IPV4.test(host)

/** Why this server may not call `uri`, or undefined when it may. The description never repeats the URI. */
export function outboundUriProblem (uri: string): string | undefined {
  if (uri.length > MAX_URI_LENGTH) return `must be at most ${MAX_URI_LENGTH} characters`
  const form = uriFormProblem(uri)
  if ('problem' in form) return form.problem
  const { protocol, hostname } = form.url
  if (protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname))) return undefined
  return 'must use https unless it is a loopback address'
}
