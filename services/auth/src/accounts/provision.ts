// Makes sure an account exists with a given password: for provisioning tools (the development launcher), not requests.
import type { FastifyInstance } from 'fastify'
import { passwordProblem } from './password-policy.js'
import { hashPassword } from './passwords.js'
import { enforceUsername } from './username.js'

/** Holds provisioning to the rules sign-up follows: an enforceable username and a password the policy accepts. */
export async function ensureUser (app: FastifyInstance, username: string, password: string): Promise<void> {
  const { users } = app.stores
  const key = enforceUsername(username)
  if (key === undefined) throw new Error(`the username ${JSON.stringify(username)} is not valid`)
  const problem = await passwordProblem(password)
  if (problem !== undefined) throw new Error(`the password for ${username} cannot be used: ${problem}`)
  const passwordHash = await hashPassword(password)
  const found = await users.findCredentials(key)
  const done = found ? await users.update(found.user.id, { passwordHash }) : await users.create({ name: username, key }, passwordHash)
  if (typeof done !== 'object') throw new Error(`the account ${username} could not be provisioned`)
}
