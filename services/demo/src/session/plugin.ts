// Binds each browser to its server-side session through a signed, HttpOnly cookie holding only a random id.
import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { SessionStore, type Session } from './store.js'

type SignedIn = Parameters<SessionStore['renew']>[1]

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionStore
  }
  interface FastifyRequest {
    session: Session | undefined
  }
  interface FastifyContextConfig {
    /** A route browsers do not call (the back-channel logout): the session cookie is neither read nor set. */
    sessionless?: boolean
  }
}

export interface SessionOptions {
  secret: string
  /** https deployments get the `__Host-` prefix and `Secure`; plain-http loopback cannot. */
  secure: boolean
  /** Signed-in sessions kept. */
  max: number
  /** Sessions of sign-ins under way, kept apart so that they never push out a signed-in one. */
  maxPending: number
  idleTtlSeconds: number
}

export const cookieName = (secure: boolean): string => secure ? '__Host-keyhold-demo' : 'keyhold-demo'

export default fp(async function sessionPlugin (app: FastifyInstance, options: SessionOptions) {
  const name = cookieName(options.secure)
  await app.register(cookie, { secret: options.secret, hook: 'onRequest' })
  app.decorate('sessions', new SessionStore(options.max, options.idleTtlSeconds * 1000, Date.now, options.maxPending))
  app.decorateRequest('session', undefined)

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.sessionless === true) return
    const raw = request.cookies[name]
    if (!raw) return
    const { valid, value } = request.unsignCookie(raw)
    if (valid && value) request.session = app.sessions.get(value)
  })

  const setCookie = (reply: FastifyReply, session: Session) => reply.setCookie(name, session.id, {
    signed: true, httpOnly: true, secure: options.secure, sameSite: 'lax', path: '/'
  })

  app.decorateReply('startSession', function (this: FastifyReply, request: FastifyRequest): Session {
    const session = request.session ?? app.sessions.create()
    request.session = session
    setCookie(this, session)
    return session
  })
  app.decorateReply('renewSession', function (this: FastifyReply, request: FastifyRequest, session: Session, changes: SignedIn = {}): Session {
    const renewed = app.sessions.renew(session, changes)
    request.session = renewed
    setCookie(this, renewed)
    return renewed
  })
  app.decorateReply('endSession', function (this: FastifyReply, request: FastifyRequest): void {
    if (request.session) app.sessions.destroy(request.session.id)
    request.session = undefined
    this.clearCookie(name, { path: '/', secure: options.secure, httpOnly: true, sameSite: 'lax' })
  })
}, { name: 'demo-session' })

declare module 'fastify' {
  interface FastifyReply {
    /** The request's session, or a new one with its cookie set. */
    startSession (request: FastifyRequest): Session
    /** Moves the session to a fresh id and cookie, among the signed-in, with `changes` applied. */
    renewSession (request: FastifyRequest, session: Session, changes?: SignedIn): Session
    /** Forgets the session and clears its cookie. */
    endSession (request: FastifyRequest): void
  }
}
