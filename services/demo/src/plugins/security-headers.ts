// Headers on every response: a strict CSP (no scripts at all), no framing, no referrer (the callback URL
// carries the authorization code), and no caching of pages that show a user's data. Forms post only to the demo,
// whose sign-out then redirects to the identity service: browsers hold that redirect to form-action too.
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'

const contentSecurityPolicy = (formTargets: readonly string[]) => [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  `form-action ${["'self'", ...formTargets].join(' ')}`,
  "frame-ancestors 'none'",
  "base-uri 'none'"
].join('; ')

const PAGES_WITHOUT_FORMS = contentSecurityPolicy([])

/** Also called where no hook runs: the router's own failures, whose pages have no form. */
export function withSecurityHeaders (reply: FastifyReply, csp = PAGES_WITHOUT_FORMS): FastifyReply {
  reply.header('content-security-policy', csp)
  reply.header('x-frame-options', 'DENY')
  reply.header('x-content-type-options', 'nosniff')
  reply.header('referrer-policy', 'no-referrer')
  reply.header('cross-origin-opener-policy', 'same-origin')
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  return reply
}

/** `identityOrigin`: where sign-out sends the browser after its form post (the end_session_endpoint's origin). */
export default fp(async function securityHeaders (app: FastifyInstance, { identityOrigin }: { identityOrigin: string }) {
  const csp = contentSecurityPolicy([identityOrigin])
  app.addHook('onSend', async (_request, reply) => { withSecurityHeaders(reply, csp) })
}, { name: 'demo-security-headers' })
