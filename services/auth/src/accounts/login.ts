// Checks a username and password, throttled per username and per address; never says which one was wrong.
import type { FastifyInstance } from 'fastify'
import { TooManyAttempts } from '../oauth/errors.js'
import type { User } from '../storage/types.js'
import { hashIsOutdated, hashPassword, passwordMatches } from './passwords.js'

/** The user whose credentials these are, or undefined; TooManyAttempts while throttled. */
export async function checkCredentials (
  app: FastifyInstance, username: string, password: string, address: string
): Promise<User | undefined> {
  const { maxFailures, maxFailuresPerAddress, failureWindow } = app.config.login
  const { failures, users } = app.stores
  const byUser = `login:user:${username.toLowerCase()}`
  const byAddress = `login:addr:${address}`

  const [forUser, forAddress] = await Promise.all([failures.current(byUser), failures.current(byAddress)])
  if (forUser.failures >= maxFailures) throw new TooManyAttempts(forUser.resetsIn || failureWindow)
  if (forAddress.failures >= maxFailuresPerAddress) throw new TooManyAttempts(forAddress.resetsIn || failureWindow)

  const found = await users.findCredentials(username)
  if (!(await passwordMatches(found?.passwordHash, password))) {
    await Promise.all([failures.record(byUser, failureWindow), failures.record(byAddress, failureWindow)])
    return undefined
  }
  // Hashes made with weaker parameters are upgraded while the password is at hand.
  if (hashIsOutdated(found!.passwordHash)) await users.update(found!.user.id, { passwordHash: await hashPassword(password) })
  return found!.user
}
