// Checks a username and password, throttled per username and per address; never says which one was wrong.
import type { FastifyInstance } from 'fastify'
import { TooManyAttempts } from '../oauth/errors.js'
import type { User } from '../storage/types.js'
import { hashIsOutdated, hashPassword, passwordMatches } from './passwords.js'
import { enforceUsername } from './username.js'

/** The user whose credentials these are, or undefined; TooManyAttempts while throttled. */
export async function checkCredentials (
  app: FastifyInstance, username: string, password: string, address: string
): Promise<User | undefined> {
  const { maxFailures, maxFailuresPerAddress, failureWindow } = app.config.login
  const { failures, users } = app.stores
  // A username with no enforced form names no account; it is still counted, under what was typed.
  const usernameKey = enforceUsername(username)
  const byUser = `login:user:${usernameKey ?? username}`
  const byAddress = `login:addr:${address}`

  const [forUser, forAddress] = await Promise.all([failures.current(byUser), failures.current(byAddress)])
  if (forUser.failures >= maxFailures) throw new TooManyAttempts(forUser.resetsIn || failureWindow)
  if (forAddress.failures >= maxFailuresPerAddress) throw new TooManyAttempts(forAddress.resetsIn || failureWindow)

  const found = usernameKey === undefined ? undefined : await users.findCredentials(usernameKey)
  const match = await passwordMatches(found?.passwordHash, password)
  if (match === 'mismatch') {
    await Promise.all([failures.record(byUser, failureWindow), failures.record(byAddress, failureWindow)])
    return undefined
  }
  // Hashes made with weaker parameters, or of the password before normalisation, are upgraded while it is at hand.
  if (match === 'legacy' || hashIsOutdated(found!.passwordHash)) await users.update(found!.user.id, { passwordHash: await hashPassword(password) })
  return found!.user
}
