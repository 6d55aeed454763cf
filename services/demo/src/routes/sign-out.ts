// Sign-out: revoke the grant at the identity service (RFC 7009), then forget the session whatever it said.
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { requireCsrf, type CsrfBody } from './csrf.js'
import { isServiceFailure } from './failures.js'

const SignOutBody = Type.Object({ _csrf: Type.String({ maxLength: 200 }) })

export default async function signOutRoutes (app: FastifyInstance): Promise<void> {
  const { relyingParty } = app

  app.post<{ Body: CsrfBody }>('/sign-out', { schema: { body: SignOutBody }, preHandler: requireCsrf }, async (request, reply) => {
    const tokens = request.session?.tokens
    reply.endSession(request)
    // The refresh token first: revoking it ends the grant, its access tokens included; the access
    // token is revoked as well for servers that keep the two apart.
    const grant = [[tokens?.refreshToken, 'refresh_token'], [tokens?.accessToken, 'access_token']] as const
    for (const [token, hint] of grant) {
      if (!token) continue
      try {
        if (!await relyingParty.revoke(token, hint)) break
      } catch (error) {
        if (!isServiceFailure(error)) throw error
        request.log.warn({ err: error, hint }, 'token revocation failed')
      }
    }
    return reply.redirect('/', 303)
  })
}
