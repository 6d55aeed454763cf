// Password reset: a single-use link mailed to an account's address lets its holder set a new password. Asking for one
// answers and works alike whether or not the address is an account's, and is limited per address typed, per account
// and per client address; a link lasts PASSWORD_RESET_TTL, is stored by its hash, and dies once the password changes.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { deriveKey, hmacSha256, randomToken, safeEqual, sha256 } from '../crypto/hash.js'
import type { AccountTokenRecord, User } from '../storage/types.js'
import { setPassword } from './account-access.js'
import { isMailedToken, lifetimeInWords, peekMailedToken, takeMailedToken, tokenLink } from './mailed-tokens.js'
import { securityEvent } from './security-events.js'
import { enforceUsername } from './username.js'

export const RESET_PASSWORD_PATH = '/reset-password'

/** A keyed hash of the password hash: a link remembers the password it may replace, and nothing that could be cracked. */
const stampOf = (app: FastifyInstance, passwordHash: string): string =>
  hmacSha256(deriveKey(app.config.secret, 'password-stamp'), passwordHash)

async function currentStamp (app: FastifyInstance, user: User): Promise<string | undefined> {
  const key = enforceUsername(user.username)
  const found = key === undefined ? undefined : await app.stores.users.findCredentials(key)
  return found?.user.id === user.id ? stampOf(app, found.passwordHash) : undefined
}

/** Undefined when allowed; else the seconds until it may be asked again. */
export type Throttled = { retryAfter: number } | undefined

/**
 * Mails a reset link to the account whose address has the key `emailKey`, if there is one. The same work is done, and
 * the same answer given, for an address of no account: a token is made and hashed, the account's count is reserved
 * (under a key no account has), and the store is read where it would be written. The mail leaves in the background.
 * Only the limits per client address and per address typed are told (they say nothing of the account); past the
 * limit per account, nothing more is sent, silently.
 */
export async function requestPasswordReset (app: FastifyInstance, request: FastifyRequest, emailKey: string): Promise<Throttled> {
  const { ttl, maxPerEmail, maxPerAccount, maxPerAddress, window } = app.config.passwordReset
  const { failures, accountTokens } = app.stores
  for (const [key, max] of [[`reset-password:ip:${request.ip}`, maxPerAddress], [`reset-password:email:${sha256(emailKey)}`, maxPerEmail]] as const) {
    const { allowed, resetsIn } = await failures.reserve(key, max, window)
    if (!allowed) return { retryAfter: resetsIn || window }
  }
  const found = await app.stores.users.findByEmail(emailKey)
  const token = randomToken(32)
  const tokenHash = sha256(token)
  const account = await failures.reserve(`reset-password:user:${found?.user.id ?? 'none'}`, maxPerAccount, window)
  if (found === undefined || found.user.email === undefined || !account.allowed) {
    await accountTokens.find('reset-password', tokenHash)
    request.log.info({ found: found !== undefined }, 'password reset asked for: no link sent')
    return undefined
  }
  const { user } = found
  await accountTokens.save('reset-password', tokenHash, { userId: user.id, passwordStamp: stampOf(app, found.passwordHash) }, ttl)
  await app.mailer.send({
    to: found.user.email,
    subject: 'Set a new password for your Keyhold account',
    text: `Hello ${user.username},\n\nSomeone, we hope you, asked to set a new password for your Keyhold account. To do so, open this link within ${lifetimeInWords(ttl)}:\n\n` +
      `${tokenLink(app, RESET_PASSWORD_PATH, token)}\n\nThe link works once. Setting a new password signs you out everywhere.\n` +
      'If you did not ask for this, ignore this mail: your password stays as it is.\n'
  })
  request.log.info({ userId: user.id }, 'password reset link sent')
  return undefined
}

/** The account whose password the token may reset, while the token lives, is unused and its password unchanged. */
export async function resetTokenHolder (app: FastifyInstance, token: string | undefined): Promise<User | undefined> {
  return holderOf(app, await peekMailedToken(app, 'reset-password', token))
}

async function holderOf (app: FastifyInstance, record: AccountTokenRecord | undefined): Promise<User | undefined> {
  if (record?.passwordStamp === undefined) return undefined
  const user = await app.stores.users.find(record.userId)
  const stamp = user && await currentStamp(app, user)
  return stamp !== undefined && safeEqual(stamp, record.passwordStamp) ? user : undefined
}

/**
 * Uses the token up and sets the password (which the caller has had the policy accept): every session and grant of the
 * account ends, with back-channel logout, and the owner is told. Undefined when the token cannot be used (of concurrent
 * uses, only one can).
 */
export async function resetPassword (app: FastifyInstance, request: FastifyRequest, token: string | undefined, password: string): Promise<User | undefined> {
  if (!isMailedToken(token)) return undefined
  const holder = await holderOf(app, await takeMailedToken(app, 'reset-password', token))
  const user = holder && await setPassword(app, holder.id, password)
  if (user) {
    await securityEvent(app, request, user, 'password.reset',
      'The password of your account was reset with a link mailed to you. Every browser and application signed in to your account was signed out.')
  }
  return user
}
