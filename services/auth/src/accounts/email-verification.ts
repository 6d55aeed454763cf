// Proof that a person reads mail at their account's address: a single-use link mailed there, which marks that address,
// and no other, verified (email_verified in userinfo and id_tokens follows the account's record).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '../storage/types.js'
import { issueMailedToken, lifetimeInWords, takeMailedToken, tokenLink } from './mailed-tokens.js'
import { securityEvent } from './security-events.js'

export const VERIFY_EMAIL_PATH = '/verify-email'

/**
 * Mails the user a link that verifies their current address, valid for EMAIL_VERIFICATION_TTL and once. Nothing is
 * sent when they have no address or it is verified already. The mail leaves in the background: this never waits for it.
 */
export async function sendVerificationMail (app: FastifyInstance, request: FastifyRequest, user: User): Promise<void> {
  if (user.email === undefined || user.emailVerified) return
  const { ttl } = app.config.emailVerification
  const token = await issueMailedToken(app, 'verify-email', { userId: user.id, email: user.email }, ttl)
  await app.mailer.send({
    to: user.email,
    subject: 'Verify your email address',
    text: `Hello ${user.username},\n\nTo confirm that ${user.email} is the address of your Keyhold account, open this link within ${lifetimeInWords(ttl)}:\n\n` +
      `${tokenLink(app, VERIFY_EMAIL_PATH, token)}\n\nThe link works once. If you did not ask for this, ignore this mail.\n`
  })
  request.log.info({ userId: user.id }, 'verification mail sent')
}

/**
 * Uses up the token and marks the address it was sent to verified, if that is still the account's address. The user as
 * now stored, or undefined for a token that is malformed, unknown, expired, used, or for an address since replaced.
 */
export async function verifyEmail (app: FastifyInstance, request: FastifyRequest, token: string | undefined): Promise<User | undefined> {
  const record = await takeMailedToken(app, 'verify-email', token)
  if (record?.email === undefined) return undefined
  const user = await app.stores.users.markEmailVerified(record.userId, record.email)
  if (user) await securityEvent(app, request, user, 'email.verified')
  return user
}
