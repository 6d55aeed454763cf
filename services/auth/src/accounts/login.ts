// Checks a username and password under the sign-in limits; never says which one was wrong.
//
// Each attempt takes a place under three limits before its password is checked, and a right password gives them
// back: per username and address (LOGIN_MAX_FAILURES), which stops a guesser without touching the owner elsewhere;
// per address (LOGIN_MAX_FAILURES_PER_ADDRESS), across usernames; and per username across every address the
// account has not signed in from lately (LOGIN_MAX_FAILURES_PER_USERNAME, far higher), which caps guessing spread
// over many addresses while the owner's own addresses never meet it (NIST SP 800-63B §5.2.2).
import type { FastifyInstance } from 'fastify'
import { TooManyAttempts } from '../errors.js'
import type { FailureCounter, User } from '../storage/types.js'
import { hashIsOutdated, hashPassword, passwordMatches } from './passwords.js'
import { enforceUsername } from './username.js'

interface Limit { key: string, max: number }

/**
 * Takes a place under every limit, so that however many attempts arrive at once no more than each limit allows
 * are checked; throws TooManyAttempts, giving back what it took, when one is full.
 */
async function reserveAll (failures: FailureCounter, limits: Limit[], window: number): Promise<void> {
  const taken: Limit[] = []
  for (const limit of limits) {
    const { allowed, resetsIn } = await failures.reserve(limit.key, limit.max, window)
    if (!allowed) {
      await forgiveAll(failures, taken)
      throw new TooManyAttempts(resetsIn || window)
    }
    taken.push(limit)
  }
}

async function forgiveAll (failures: FailureCounter, limits: Limit[]): Promise<void> {
  await Promise.all(limits.map(({ key }) => failures.forgive(key)))
}

async function limitsFor (app: FastifyInstance, usernameKey: string | undefined, typed: string, address: string): Promise<Limit[]> {
  const { maxFailures, maxFailuresPerAddress, maxFailuresPerUsername } = app.config.login
  // A username with no enforced form names no account; it is still counted, under what was typed.
  const name = usernameKey ?? typed
  const known = usernameKey !== undefined && await app.stores.knownAddresses.isKnown(usernameKey, address)
  return [
    // Addresses hold no '/', so the pair's key is unambiguous whatever was typed.
    { key: `login:pair:${address}/${name}`, max: maxFailures },
    { key: `login:addr:${address}`, max: maxFailuresPerAddress },
    ...(known ? [] : [{ key: `login:user:${name}`, max: maxFailuresPerUsername }])
  ]
}

async function verifyPassword (app: FastifyInstance, usernameKey: string | undefined, password: string) {
  const found = usernameKey === undefined ? undefined : await app.stores.users.findCredentials(usernameKey)
  return { found, match: await passwordMatches(found?.passwordHash, password) }
}

/** The user whose credentials these are, or undefined; TooManyAttempts while throttled. */
export async function checkCredentials (
  app: FastifyInstance, username: string, password: string, address: string
): Promise<User | undefined> {
  const { failureWindow, knownAddressTtl } = app.config.login
  const { failures, users, knownAddresses } = app.stores
  const usernameKey = enforceUsername(username)
  const limits = await limitsFor(app, usernameKey, username, address)
  await reserveAll(failures, limits, failureWindow)

  const { found, match } = await verifyPassword(app, usernameKey, password).catch(async (error: unknown) => {
    // An outage is no wrong password: it counts against no one.
    await forgiveAll(failures, limits).catch(() => {})
    throw error
  })
  if (match === 'mismatch') return undefined

  await Promise.all([forgiveAll(failures, limits), knownAddresses.remember(usernameKey!, address, knownAddressTtl)])
  // Hashes made with weaker parameters, or of the password before normalisation, are upgraded while it is at hand.
  if (match === 'legacy' || hashIsOutdated(found!.passwordHash)) await users.update(found!.user.id, { passwordHash: await hashPassword(password) })
  return found!.user
}
