// The client configuration endpoint's guard (RFC 7592 §2): the registration access token as a Bearer credential
// (RFC 6750 §2.1, the header only), checked against the client's keyed hash, wrong ones limited like client secrets.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BearerError, BearerRequired } from '@keyhold/service-kit/bearer-challenge'
import { bearerFromHeader } from '@keyhold/service-kit/bearer-header'
import { countWrongGuess, refuseWhileExhausted, type GuessLimit } from '../guess-limit.js'

export const REALM = 'client-configuration'

/** The client the token proved, the token, and its stored hash, which an update must still find in place. */
export interface Registration {
  clientId: string
  token: string
  tokenHash: string
}

declare module 'fastify' {
  interface FastifyRequest {
    registration: Registration
  }
}

/** A wrong token, another client's, one replaced, and one for a client that is gone or was never registered: all alike. */
export const invalidRegistrationToken = () =>
  new BearerError(REALM, 401, 'invalid_token', 'the registration access token is invalid for this client')

function registrationGuessLimit (app: FastifyInstance, clientId: string, address: string): GuessLimit {
  const { maxFailures, failureWindow } = app.config.clientAuth
  return { key: `registration:${clientId}:${address}`, max: maxFailures, window: failureWindow }
}

function presentedToken (request: FastifyRequest): string {
  // RFC 6750 §2.3's query parameter is not taken: a token in a URL ends up in logs and histories.
  if ((request.query as Record<string, unknown> | undefined)?.access_token !== undefined) {
    throw new BearerError(REALM, 400, 'invalid_request', 'the registration access token is accepted only in the Authorization header')
  }
  const token = bearerFromHeader(request.headers.authorization, REALM)
  if (token === undefined) throw new BearerRequired(REALM, 'a registration access token is required')
  return token
}

/** Runs before the body is read, so that nothing about a request is answered to a caller without the token. */
export function requireRegistrationToken (app: FastifyInstance): void {
  app.decorateRequest('registration', null as unknown as Registration)
  app.addHook('onRequest', async (request) => {
    const token = presentedToken(request)
    const clientId = (request.params as { clientId: string }).clientId
    const limit = registrationGuessLimit(app, clientId, request.ip)
    await refuseWhileExhausted(app.stores.failures, limit)
    // Read afresh rather than from the client cache: a token replaced on another instance is refused at once.
    const tokenHash = await app.stores.clients.registrationTokenHash(clientId)
    if (tokenHash === undefined || !app.registrationTokens.matches(token, tokenHash)) {
      await countWrongGuess(app.stores.failures, limit, invalidRegistrationToken())
    }
    request.registration = { clientId, token, tokenHash: tokenHash! }
  })
}
