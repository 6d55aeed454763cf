// Guards state-changing form posts: they need a live session and its CSRF token (synchronizer token).
import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorPage } from '../views/pages.js'

/** Constant-time comparison of a presented secret with the expected one. */
export function sameSecret (presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export interface CsrfBody { _csrf: string }

export async function requireCsrf (request: FastifyRequest<{ Body: CsrfBody }>, reply: FastifyReply): Promise<void> {
  const session = request.session
  // A session that timed out cannot have sent this form: show the start page rather than an error.
  if (!session) return reply.redirect('/', 303)
  if (!sameSecret(request.body._csrf, session.csrfToken)) {
    return reply.code(403).type('text/html; charset=utf-8')
      .send(errorPage('This form has expired', 'Please reload the page and try again.', false))
  }
}
