// Sign-in: send the browser to the identity service's /authorize, then take its answer at /callback,
// accepting it only for this browser's own pending request (state) from the expected issuer (RFC 9207).
import type { FastifyInstance } from 'fastify'
import Type, { type Static } from 'typebox'
import { newAuthorization } from '../oauth/pkce.js'
import { errorPage } from '../views/pages.js'
import { sameSecret } from './csrf.js'

const Param = Type.Optional(Type.String({ maxLength: 4096 }))
const CallbackQuery = Type.Object({
  code: Param, state: Param, iss: Param, error: Param, error_description: Param
})
type CallbackQuery = Static<typeof CallbackQuery>

export default async function signInRoutes (app: FastifyInstance, opts: { issuer: string }): Promise<void> {
  const { oauth } = app

  app.get('/sign-in', async (request, reply) => {
    if (request.session?.tokens) return reply.redirect('/', 303)
    const session = reply.startSession(request)
    const { codeChallenge, ...pending } = newAuthorization()
    session.pending = pending
    return reply.redirect(oauth.authorizationUrl({ state: pending.state, codeChallenge }), 303)
  })

  app.get<{ Querystring: CallbackQuery }>('/callback', { schema: { querystring: CallbackQuery } }, async (request, reply) => {
    const { code, state, iss, error } = request.query
    const session = request.session
    const pending = session?.pending
    reply.type('text/html; charset=utf-8')
    if (!session || !pending || !sameSecret(state, pending.state)) {
      return reply.code(400).send(errorPage('This sign-in has expired',
        'The answer from Keyhold does not match a sign-in started in this browser. Please start again.'))
    }
    session.pending = undefined
    if (iss !== opts.issuer) {
      request.log.warn({ iss }, 'authorization response from an unexpected issuer')
      return reply.code(400).send(errorPage('Sign-in could not be completed',
        'The answer did not come from the expected Keyhold server.'))
    }
    if (error === 'access_denied') {
      return reply.send(errorPage('You did not allow access',
        'You chose not to let the Keyhold demo see your profile and calls. Nothing was shared.'))
    }
    if (error !== undefined || code === undefined) {
      request.log.warn({ error }, 'authorization failed')
      return reply.code(400).send(errorPage('Sign-in could not be completed', 'Keyhold could not sign you in. Please try again.'))
    }
    const tokens = await oauth.exchangeCode(code, pending.codeVerifier)
    const signedIn = reply.renewSession(request, session)
    signedIn.tokens = tokens
    return reply.redirect('/', 303)
  })
}
