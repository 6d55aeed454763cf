// Sign-in with OpenID Connect: send the browser to the identity service's authorization endpoint, then take its answer
// at /callback, accepting it only for this browser's own pending request (state) from the expected issuer (RFC 9207).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import type { Identity } from '../session/store.js'
import { errorPage } from '../views/pages.js'
import { sameSecret } from './csrf.js'
import { isServiceFailure } from './failures.js'

const Param = Type.Optional(Type.String({ maxLength: 4096 }))
const CallbackQuery = Type.Object({
  code: Param, state: Param, iss: Param, error: Param, error_description: Param
})
type CallbackQuery = Static<typeof CallbackQuery>

/** The query string as received: openid-client reads the authorization response from it. */
const rawQuery = (request: FastifyRequest): string => {
  const start = request.url.indexOf('?')
  return start === -1 ? '' : request.url.slice(start + 1)
}

export default async function signInRoutes (app: FastifyInstance, opts: { issuer: string }): Promise<void> {
  const { relyingParty } = app

  app.get('/sign-in', async (request, reply) => {
    if (request.session?.tokens) return reply.redirect('/', 303)
    // Before the session: an identity service that cannot be discovered leaves nothing behind.
    const { url, pending } = await relyingParty.startSignIn()
    const session = reply.startSession(request)
    session.pending = pending
    session.signOutState = undefined
    return reply.redirect(url, 303)
  })

  app.get<{ Querystring: CallbackQuery }>('/callback', { schema: { querystring: CallbackQuery } }, async (request, reply) => {
    const { state, iss, error } = request.query
    const session = request.session
    const pending = session?.pending
    reply.type('text/html; charset=utf-8')
    if (!session || !pending || !sameSecret(state, pending.state)) {
      return reply.code(400).send(errorPage('This sign-in has expired',
        'The answer from Keyhold does not match a sign-in started in this browser. Please start again.'))
    }
    session.pending = undefined
    // openid-client checks iss and error too; checked here first, each failure gets its own page.
    if (iss !== opts.issuer) {
      request.log.warn({ iss }, 'authorization response from an unexpected issuer')
      return reply.code(400).send(errorPage('Sign-in could not be completed',
        'The answer did not come from the expected Keyhold server.'))
    }
    if (error === 'access_denied') {
      return reply.send(errorPage('You did not allow access',
        'You chose not to let the Keyhold demo see your profile and calls. Nothing was shared.'))
    }
    if (error !== undefined || request.query.code === undefined) {
      request.log.warn({ error }, 'authorization failed')
      return reply.code(400).send(errorPage('Sign-in could not be completed', 'Keyhold could not sign you in. Please try again.'))
    }
    const { tokens, identity } = await relyingParty.completeSignIn(rawQuery(request), pending)
    reply.renewSession(request, session, { tokens, identity: await withUserinfo(request, identity, tokens.accessToken) })
    return reply.redirect('/', 303)
  })

  /** The user's name and email from userinfo; without them when it fails, since they are only shown. */
  async function withUserinfo (request: FastifyRequest, identity: Identity, accessToken: string): Promise<Identity> {
    try {
      return { ...identity, ...await relyingParty.userinfo(accessToken, identity.sub) }
    } catch (error) {
      if (!isServiceFailure(error)) throw error
      request.log.warn({ err: error }, 'userinfo failed')
      return identity
    }
  }
}
