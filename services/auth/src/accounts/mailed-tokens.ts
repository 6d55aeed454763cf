// The tokens in links mailed to account owners: 256 random bits, stored only by their SHA-256, and the links that
// carry them. A token that is not of this shape is refused before anything is looked up.
import type { FastifyInstance } from 'fastify'
import { randomToken, sha256 } from '../crypto/hash.js'
import type { AccountTokenPurpose, AccountTokenRecord } from '../storage/types.js'

const SHAPE = /^[A-Za-z0-9_-]{43}$/

/** Whether `token` could be one of ours: 32 bytes in base64url. */
export const isMailedToken = (token: string | undefined): token is string => token !== undefined && SHAPE.test(token)

/** A new token for `record`, saved by its hash for `ttlSeconds`; the token itself is only ever in the mail. */
export async function issueMailedToken (
  app: FastifyInstance, purpose: AccountTokenPurpose, record: AccountTokenRecord, ttlSeconds: number
): Promise<string> {
  const token = randomToken(32)
  await app.stores.accountTokens.save(purpose, sha256(token), record, ttlSeconds)
  return token
}

/** The record of a live, unused token, leaving it so; undefined for any other (a malformed one is not looked up). */
export async function peekMailedToken (app: FastifyInstance, purpose: AccountTokenPurpose, token: string | undefined): Promise<AccountTokenRecord | undefined> {
  return isMailedToken(token) ? app.stores.accountTokens.find(purpose, sha256(token)) : undefined
}

/** Uses the token up: its record for exactly one caller, undefined for every other (and for a malformed token). */
export async function takeMailedToken (app: FastifyInstance, purpose: AccountTokenPurpose, token: string | undefined): Promise<AccountTokenRecord | undefined> {
  return isMailedToken(token) ? app.stores.accountTokens.take(purpose, sha256(token)) : undefined
}

/** The absolute link to `path` on this service carrying `token`. */
export const tokenLink = (app: FastifyInstance, path: string, token: string): string =>
  `${app.config.issuer}${path}?${new URLSearchParams({ token })}`

/** A lifetime in seconds as a mail says it: "30 minutes", "24 hours". */
export function lifetimeInWords (seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}
