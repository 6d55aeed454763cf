// The admin API's guard: a bearer token equal to the configured admin credential, with wrong ones limited per address.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { safeEqual } from '../crypto/hash.js'
import { AdminTokenRequired } from '../errors.js'
import { countWrongGuess, refuseWhileExhausted, type GuessLimit } from '../oauth/guess-limit.js'

export function requireAdmin (app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const token = /^bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1]
    // Without a token there is nothing to guess, so nothing is counted.
    if (!token) throw new AdminTokenRequired()
    const limit = adminGuessLimit(app, request)
    await refuseWhileExhausted(app.stores.failures, limit)
    if (!safeEqual(token, app.config.adminToken)) await countWrongGuess(app.stores.failures, limit, new AdminTokenRequired())
  })
}

// Per address only: a ceiling shared by every address would let a stranger lock the administrator out.
function adminGuessLimit (app: FastifyInstance, request: FastifyRequest): GuessLimit {
  const { maxFailures, failureWindow } = app.config.adminAuth
  return { key: `admin:${request.ip}`, max: maxFailures, window: failureWindow }
}
