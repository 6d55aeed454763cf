// Whether the user must be asked before a request is answered: not when everything it asks was granted before to a
// client whose identity is assured, unless the request says prompt=consent.
import type { FastifyInstance } from 'fastify'
import { isPublic } from '../../clients/client.js'
import type { User } from '../../storage/types.js'
import type { AuthorizationRequest } from './request.js'

/**
 * A public client answering at a loopback or custom-scheme URI may be any program on the device claiming its id
 * (RFC 8252 §8.6), so a consent given before proves nothing about who asks now: such a request always asks.
 */
const identityAssured = (request: AuthorizationRequest): boolean =>
  !isPublic(request.client) || request.redirectUri.startsWith('https:')

export async function consentRequired (app: FastifyInstance, user: User, request: AuthorizationRequest): Promise<boolean> {
  if (!identityAssured(request) || request.prompt?.includes('consent') === true) return true
  const granted = await app.stores.consents.granted(user.id, request.client.id)
  return granted === undefined || request.scopes.some((scope) => !granted.includes(scope))
}
