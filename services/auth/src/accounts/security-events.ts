// What happens to an account that its owner must hear of: one structured log line each, and a mail when asked.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '../storage/types.js'

export type SecurityEventType =
  | 'account.created' | 'account.deleted' | 'email.changed' | 'email.verified' | 'password.changed' | 'password.reset'
  | 'second-factor.added' | 'second-factor.removed' | 'recovery-codes.created' | 'recovery-code.used'
  | 'passkey.added' | 'passkey.removed' | 'session.ended' | 'application.revoked' | 'profile.changed'

/**
 * Records `type` for `user`, and mails them `notice` (a sentence saying what changed) when they have an address. A
 * mail that cannot be sent is logged, never the reason the change fails.
 */
export async function securityEvent (
  app: FastifyInstance, request: FastifyRequest, user: User, type: SecurityEventType, notice?: string
): Promise<void> {
  request.log.info({ securityEvent: type, userId: user.id, ip: request.ip, userAgent: request.headers['user-agent'] }, 'security event')
  if (notice === undefined || user.email === undefined) return
  try {
    await app.mailer.send({
      to: user.email,
      subject: 'A change to your Keyhold account',
      text: `Hello ${user.username},\n\n${notice}\n\nIf this was not you, reset your password and sign out of every session.\n`
    })
  } catch (error) {
    request.log.warn({ err: error, securityEvent: type }, 'the notice of a security event could not be mailed')
  }
}
