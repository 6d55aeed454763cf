// The account pages' gate: a signed-in browser for reading them, a sign-in within the last five minutes for changing
// anything that protects the account. Otherwise the browser signs in (again) and comes back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { signInAgainUrl } from './paths.js'
import { currentSession, type Session } from './session.js'

export const RECENT_SIGN_IN_SECONDS = 5 * 60

/** Whether the session's sign-in was made within the last RECENT_SIGN_IN_SECONDS. */
export const isRecent = (session: Session): boolean =>
  Math.floor(Date.now() / 1000) - session.authentication.authTime <= RECENT_SIGN_IN_SECONDS

/** The browser's session; without one, undefined, and the reply sends the browser to sign in and return to `returnTo`. */
export async function signedInOrRedirect (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, returnTo: string
): Promise<Session | undefined> {
  const session = await currentSession(app, request)
  if (session === undefined) reply.redirect(signInAgainUrl(returnTo), request.method === 'GET' ? 302 : 303)
  return session
}

/** The session when its sign-in is recent; otherwise undefined, and the browser is sent to sign in again. */
export async function recentSignInOrRedirect (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, returnTo: string
): Promise<Session | undefined> {
  const session = await currentSession(app, request)
  if (session !== undefined && isRecent(session)) return session
  reply.redirect(signInAgainUrl(returnTo), request.method === 'GET' ? 302 : 303)
  return undefined
}
