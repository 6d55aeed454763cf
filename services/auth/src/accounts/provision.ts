// Makes sure an account exists with a given password: for provisioning tools (the development launcher), not requests.
import type { FastifyInstance } from 'fastify'
import { hashPassword } from './passwords.js'

export async function ensureUser (app: FastifyInstance, username: string, password: string): Promise<void> {
  const { users } = app.stores
  const passwordHash = await hashPassword(password)
  const found = await users.findCredentials(username)
  const done = found ? await users.update(found.user.id, { passwordHash }) : await users.create(username, passwordHash)
  if (done === undefined || done === 'taken') throw new Error(`the account ${username} could not be provisioned`)
}
