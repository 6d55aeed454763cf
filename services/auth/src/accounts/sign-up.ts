// Creating an account: the one way the account API (POST /api/users) and the sign-up page (/signup) do it.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { InvalidRequest } from '../errors.js'
import type { AccountClash, User, Username } from '../storage/types.js'
import { newPasswordHash } from './account-access.js'
import { initialClaims, type ClaimInput } from './claims.js'
import { securityEvent } from './security-events.js'
import { enforceUsername } from './username.js'

export interface NewAccount {
  username: string
  password: string
  claims: { [Claim in keyof ClaimInput]?: string }
}

export const isClash = (result: unknown): result is AccountClash => result === 'taken' || result === 'email_taken'

/** The username and its enforced form; 400 invalid_request when it cannot be one. */
export function usernameOf (name: string): Username {
  const key = enforceUsername(name)
  if (key === undefined) throw new InvalidRequest('the username is not valid')
  return { name, key }
}

/**
 * Creates the account, or says which of its username and email address is another's. Throws 400 invalid_request saying
 * why for a username, claim or password that cannot be used. The username and claims are checked before the password
 * is hashed (the costly part); a clash is found only after, so that a taken address costs as much as a free one.
 */
export async function createAccount (app: FastifyInstance, request: FastifyRequest, input: NewAccount): Promise<User | AccountClash> {
  const account = usernameOf(input.username)
  const claims = initialClaims(input.claims)
  const user = await app.stores.users.create(account, await newPasswordHash(input.password), claims)
  if (!isClash(user)) await securityEvent(app, request, user, 'account.created')
  return user
}
