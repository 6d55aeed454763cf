// How long a connection may take to send its headers, its whole request, and how long it may sit idle: one
// definition of these limits for every service's listener, read from the environment and given to Fastify.
import Type from 'typebox'
import { ConfigError } from './config.js'

/**
 * The variables, to spread into a service's environment schema. Defaults: a whole request in 30 s is ample
 * for bodies of tens of KiB on a slow mobile link; headers are a few KiB and come in one packet, so 10 s;
 * an idle keep-alive connection is held 5 s, Node's own default, as browsers and pooled clients reuse a
 * connection within that or open a new one. Behind a proxy that pools connections, set keep-alive above
 * the proxy's idle timeout so that the proxy, not the service, closes first.
 */
export const ListenerTimeoutsEnv = {
  REQUEST_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 100, maximum: 600_000 }),
  HEADERS_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100, maximum: 600_000 }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ default: 5_000, minimum: 100, maximum: 600_000 })
}

export interface ListenerTimeouts {
  /** Most time from a request's first byte to its last, headers included. */
  requestMs: number
  /** Most time from a request's first byte to the end of its headers. */
  headersMs: number
  /** Most time an idle connection is kept open between two requests. */
  keepAliveMs: number
}

/** The limits from a service's environment as read by its schema; headers must come within the request's time. */
export function listenerTimeouts (env: { REQUEST_TIMEOUT_MS: number, HEADERS_TIMEOUT_MS: number, KEEP_ALIVE_TIMEOUT_MS: number }): ListenerTimeouts {
  if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    throw new ConfigError('invalid configuration:\n  HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS')
  }
  return { requestMs: env.REQUEST_TIMEOUT_MS, headersMs: env.HEADERS_TIMEOUT_MS, keepAliveMs: env.KEEP_ALIVE_TIMEOUT_MS }
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
