// Headers on every response: a strict CSP (no scripts at all), no framing, no referrer (the callback URL
// carries the authorization code), and no caching of pages that show a user's data.
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'

const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'"
].join('; ')

/** Also called where no hook runs: the router's own failures. */
export function withSecurityHeaders (reply: FastifyReply): FastifyReply {
  reply.header('content-security-policy', CSP)
  reply.header('x-frame-options', 'DENY')
  reply.header('x-content-type-options', 'nosniff')
  reply.header('referrer-policy', 'no-referrer')
  reply.header('cross-origin-opener-policy', 'same-origin')
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  return reply
}

export default fp(async function securityHeaders (app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply) => { withSecurityHeaders(reply) })
}, { name: 'demo-security-headers' })
