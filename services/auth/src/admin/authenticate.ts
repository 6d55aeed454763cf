// The admin API's guard: a bearer token equal to the configured admin credential.
import type { FastifyInstance } from 'fastify'
import { safeEqual } from '../crypto/hash.js'
import { OAuthError } from '../oauth/errors.js'

export function requireAdmin (app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const match = /^bearer (.+)$/i.exec(request.headers.authorization ?? '')
    if (!match?.[1] || !safeEqual(match[1], app.config.adminToken)) {
      throw new OAuthError(401, 'invalid_token', 'a valid admin token is required')
        .withHeader('www-authenticate', 'Bearer realm="admin"')
    }
  })
}
