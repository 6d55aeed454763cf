// Checks a username and password, throttled per username and per address; never says which one was wrong.
import type { FastifyInstance } from 'fastify'
import { TooManyAttempts } from '../oauth/errors.js'
import type { FailureCounter, User } from '../storage/types.js'
import { hashIsOutdated, hashPassword, passwordMatches } from './passwords.js'
import { enforceUsername } from './username.js'

interface Limit { key: string, max: number }

/**
 * Takes a place under every limit before the password is checked, so that however many attempts arrive at once
 * no more than each limit allows are checked; throws TooManyAttempts (giving back what it took) when one is full.
 */
async function reserveAll (failures: FailureCounter, limits: Limit[], window: number): Promise<void> {
  const taken: Limit[] = []
  for (const limit of limits) {
    const { allowed, resetsIn } = await failures.reserve(limit.key, limit.max, window)
    if (!allowed) {
      await Promise.all(taken.map(({ key }) => failures.forgive(key)))
      throw new TooManyAttempts(resetsIn || window)
    }
    taken.push(limit)
  }
}

/** The user whose credentials these are, or undefined; TooManyAttempts while throttled. */
export async function checkCredentials (
  app: FastifyInstance, username: string, password: string, address: string
): Promise<User | undefined> {
  const { maxFailures, maxFailuresPerAddress, failureWindow } = app.config.login
  const { failures, users } = app.stores
  // A username with no enforced form names no account; it is still counted, under what was typed.
  const usernameKey = enforceUsername(username)
  const limits = [
    { key: `login:user:${usernameKey ?? username}`, max: maxFailures },
    { key: `login:addr:${address}`, max: maxFailuresPerAddress }
  ]
  await reserveAll(failures, limits, failureWindow)

  const found = usernameKey === undefined ? undefined : await users.findCredentials(usernameKey)
  const match = await passwordMatches(found?.passwordHash, password)
  if (match === 'mismatch') return undefined
  await Promise.all(limits.map(({ key }) => failures.forgive(key)))
  // Hashes made with weaker parameters, or of the password before normalisation, are upgraded while it is at hand.
  if (match === 'legacy' || hashIsOutdated(found!.passwordHash)) await users.update(found!.user.id, { passwordHash: await hashPassword(password) })
  return found!.user
}
