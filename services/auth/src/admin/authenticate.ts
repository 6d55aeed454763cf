// The admin API's guard: a bearer token equal to the configured admin credential, with wrong ones limited per address.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { bearerChallenge } from '@keyhold/service-kit/bearer-challenge'
import { safeEqual } from '../crypto/hash.js'
import { OAuthError } from '../oauth/errors.js'
import { countWrongGuess, refuseWhileExhausted, type GuessLimit } from '../oauth/guess-limit.js'

// One answer for a missing and a wrong token alike, so the challenge says nothing of which it was.
const invalidToken = (): OAuthError =>
  new OAuthError(401, 'invalid_token', 'a valid admin token is required')
    .withHeader('www-authenticate', bearerChallenge({ realm: 'admin' }))

export function requireAdmin (app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const token = /^bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1]
    // Without a token there is nothing to guess, so nothing is counted.
    if (!token) throw invalidToken()
    const limit = adminGuessLimit(app, request)
    await refuseWhileExhausted(app.stores.failures, limit)
    if (!safeEqual(token, app.config.adminToken)) await countWrongGuess(app.stores.failures, limit, invalidToken())
  })
}

// Per address only: a ceiling shared by every address would let a stranger lock the administrator out.
function adminGuessLimit (app: FastifyInstance, request: FastifyRequest): GuessLimit {
  const { maxFailures, failureWindow } = app.config.adminAuth
  return { key: `admin:${request.ip}`, max: maxFailures, window: failureWindow }
}
