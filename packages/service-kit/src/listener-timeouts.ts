// How long a connection may take to send its headers, its whole request, and how long it may sit idle: one
// definition of these limits for every service's listener, read from the environment and given to Fastify.
import Type from 'typebox'
import { invalidConfiguration, setting, type ConfigOf } from './config.js'

const milliseconds = (defaultMs: number) => Type.Integer({ default: defaultMs, minimum: 100, maximum: 600_000 })

/**
 * Defaults: a whole request in 30 s is ample for bodies of tens of KiB on a slow mobile link; headers are a few
 * KiB and come in one packet, so 10 s; an idle keep-alive connection is held 5 s, Node's own default, as browsers
 * and pooled clients reuse a connection within that or open a new one. Behind a proxy that pools connections, set
 * keep-alive above the proxy's idle timeout so that the proxy, not the service, closes first.
 */
export const listenerTimeoutSettings = {
  /** Most time from a request's first byte to its last, headers included. */
  requestMs: setting('REQUEST_TIMEOUT_MS', milliseconds(30_000)),
  /** Most time from a request's first byte to the end of its headers. */
  headersMs: setting('HEADERS_TIMEOUT_MS', milliseconds(10_000)),
  /** Most time an idle connection is kept open between two requests. */
  keepAliveMs: setting('KEEP_ALIVE_TIMEOUT_MS', milliseconds(5_000))
}

export type ListenerTimeouts = ConfigOf<typeof listenerTimeoutSettings>

/** Headers must come within the request's time. */
export function checkListenerTimeouts (limits: ListenerTimeouts): void {
  if (limits.headersMs > limits.requestMs) throw invalidConfiguration('HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS')
}

/** Fastify's server options for these limits. */
export function fastifyTimeouts (limits: ListenerTimeouts): {
  connectionTimeout: number
  requestTimeout: number
  keepAliveTimeout: number
  http: { headersTimeout: number, requestTimeout: number, connectionsCheckingInterval: number }
} {
  // Node enforces the header and request limits only when it checks its connections (every 30 s by default):
  // checked often enough, a limit holds to within a fraction of itself.
  const checkingInterval = Math.min(1000, Math.max(50, Math.floor(limits.headersMs / 4)))
  return {
    // A socket that sends nothing at all is dropped, whatever state it is in; only after the request limit and
    // its check have had their turn, so that a stalled request is answered 408 rather than cut without a word.
    connectionTimeout: limits.requestMs + 2 * checkingInterval,
    requestTimeout: limits.requestMs,
    keepAliveTimeout: limits.keepAliveMs,
    http: {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      connectionsCheckingInterval: checkingInterval
    }
  }
}
