// Proof of the current password before an account is changed or deleted, throttled as sign-in failures are.
import type { FastifyRequest } from 'fastify'
import { AccessDenied } from '../errors.js'
import type { User } from '../storage/types.js'
import { checkCredentials } from './login.js'

/** 403 access_denied unless `password` is the user's; 429 while their sign-in failures are throttled. */
export async function requireCurrentPassword (request: FastifyRequest, user: User, password: string): Promise<void> {
  const checked = await checkCredentials(request.server, user.username, password, request.ip)
  if (checked?.id !== user.id) throw new AccessDenied('the current password is incorrect')
}
