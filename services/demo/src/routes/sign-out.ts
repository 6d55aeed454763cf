// Sign-out: forget the session, revoke the grant at the identity service (RFC 7009) whatever it answers, then send the
// browser to its end_session_endpoint to sign out there too (RP-Initiated Logout 1.0), back to the start page with a
// state this browser must bring back. Without an end_session_endpoint the sign-out is the demo's alone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { randomState } from 'openid-client'
import type { Tokens } from '../session/store.js'
import { requireCsrf, type CsrfBody } from './csrf.js'
import { isServiceFailure } from './failures.js'

const SignOutBody = Type.Object({ _csrf: Type.String({ maxLength: 200 }) })

export default async function signOutRoutes (app: FastifyInstance): Promise<void> {
  const { relyingParty } = app

  /** The refresh token first: revoking it ends the grant, its access tokens included; the access token as well for servers that keep the two apart. */
  async function revokeGrant (request: FastifyRequest, tokens: Tokens | undefined): Promise<void> {
    const grant = [[tokens?.refreshToken, 'refresh_token'], [tokens?.accessToken, 'access_token']] as const
    for (const [token, hint] of grant) {
      if (!token) continue
      try {
        if (!await relyingParty.revoke(token, hint)) return
      } catch (error) {
        if (!isServiceFailure(error)) throw error
        request.log.warn({ err: error, hint }, 'token revocation failed')
      }
    }
  }

  /** The identity service's end-session URL, or undefined to sign out here alone. */
  async function endSessionUrl (request: FastifyRequest, idToken: string | undefined, state: string): Promise<string | undefined> {
    if (idToken === undefined) return undefined
    try {
      return await relyingParty.endSessionUrl(idToken, state)
    } catch (error) {
      if (!isServiceFailure(error)) throw error
      request.log.warn({ err: error }, 'no end-session URL: signed out here only')
      return undefined
    }
  }

  app.post<{ Body: CsrfBody }>('/sign-out', { schema: { body: SignOutBody }, preHandler: requireCsrf }, async (request, reply: FastifyReply) => {
    const tokens = request.session?.tokens
    reply.endSession(request)
    await revokeGrant(request, tokens)
    const state = randomState()
    const url = await endSessionUrl(request, tokens?.idToken, state)
    if (url === undefined) return reply.redirect('/', 303)
    // A fresh session, among those anyone can start, holds only the state to expect back.
    reply.startSession(request).signOutState = state
    return reply.redirect(url, 303)
  })
}
