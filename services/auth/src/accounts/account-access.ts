// What ends when an account is taken back or closed: every grant with its tokens, and every browser session, each
// client that took part told by back-channel logout. The one place the account API, the account pages and password
// reset end an account's access.
import type { FastifyInstance } from 'fastify'
import { sessionsEnded } from '../oauth/logout/ended-sessions.js'
import { revokeUserGrants } from '../oauth/user-grants.js'
import type { AccountClash, User } from '../storage/types.js'
import { requireAcceptablePassword } from './password-policy.js'
import { hashPassword } from './passwords.js'

/**
 * Ends every grant of the user (its refresh and access tokens, offline ones included) and every browser session; the
 * clients that took part in a session are sent a logout token. A browser that should stay signed in starts a new
 * session afterwards.
 */
export async function endAccountAccess (app: FastifyInstance, userId: string): Promise<void> {
  await revokeUserGrants(app, userId)
  // The grants are gone already: what is left to do for each session is telling its clients.
  await sessionsEnded(app, await app.stores.sessions.endUserSessions(userId), { signedOut: false })
}

/** The hash to store for `password`; 400 invalid_request saying why when the policy refuses it (checked before hashing). */
export async function newPasswordHash (password: string): Promise<string> {
  await requireAcceptablePassword(password)
  return hashPassword(password)
}

/**
 * Sets the user's password (the policy applies) and ends every session and grant of the account: a new password is how
 * a user takes an account back. undefined when the account is gone.
 */
export async function setPassword (app: FastifyInstance, userId: string, password: string): Promise<User | undefined> {
  const updated = await app.stores.users.update(userId, { passwordHash: await newPasswordHash(password) })
  if (updated === undefined || isClash(updated)) return undefined
  await endAccountAccess(app, userId)
  return updated
}

/** Closes the account: its access ends first, then the record (consents go with it). False when it was gone already. */
export async function deleteAccount (app: FastifyInstance, userId: string): Promise<boolean> {
  await endAccountAccess(app, userId)
  return app.stores.users.delete(userId)
}

const isClash = (result: unknown): result is AccountClash => result === 'taken' || result === 'email_taken'
