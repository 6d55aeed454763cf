// The browser login session: a random id in a signed HttpOnly SameSite=Lax cookie, its record in the session store.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomToken, sha256 } from '../crypto/hash.js'
import { PASSWORD_ACR } from '../oauth/id-tokens.js'
import type { SignedIn } from '../oauth/authorization/interaction.js'
import type { SessionRecord, User } from '../storage/types.js'

export const SESSION_COOKIE = 'keyhold_session'

export type Session = SignedIn

export const cookieOptions = (app: FastifyInstance) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: app.config.issuer.startsWith('https:'),
  signed: true
})

/** The hash of the random id a signed cookie carries, or undefined when it is absent or its signature fails. */
export function signedIdHash (request: FastifyRequest, cookieName: string): string | undefined {
  const cookie = request.cookies[cookieName]
  if (cookie === undefined) return undefined
  const { valid, value } = request.unsignCookie(cookie)
  return valid && value !== null ? sha256(value) : undefined
}

/** The hash of the session id the browser's cookie carries, whether or not that session still lives. */
export const sessionHash = (request: FastifyRequest): string | undefined => signedIdHash(request, SESSION_COOKIE)

// A session stored before sessions had a public id is named by part of its hash, which reveals nothing of the cookie.
const sidOf = (record: SessionRecord, hash: string): string => record.sid ?? hash.slice(0, 22)

/** The signed-in user, if the cookie names a live session whose account still exists. */
export async function currentSession (app: FastifyInstance, request: FastifyRequest): Promise<Session | undefined> {
  const hash = sessionHash(request)
  if (hash === undefined) return undefined
  const record = await app.stores.sessions.find(hash)
  if (!record) return undefined
  const user = await app.stores.users.find(record.userId)
  return user && {
    user,
    authentication: { authTime: record.authTime, amr: record.amr ?? ['pwd'], acr: PASSWORD_ACR, sid: sidOf(record, hash) }
  }
}

/** A new session on every sign-in, so an id planted before it (session fixation) is worth nothing. */
export async function startSession (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: User): Promise<void> {
  await endSession(app, request, reply)
  const id = randomToken(32)
  const ttl = app.config.sessionTtl
  await app.stores.sessions.create(sha256(id), {
    userId: user.id,
    username: user.username,
    authTime: Math.floor(Date.now() / 1000),
    sid: randomToken(16),
    amr: ['pwd']
  }, ttl)
  reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions(app), maxAge: ttl })
}

export async function endSession (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const hash = sessionHash(request)
  if (hash !== undefined) await app.stores.sessions.delete(hash)
  if (request.cookies[SESSION_COOKIE] !== undefined) reply.clearCookie(SESSION_COOKIE, cookieOptions(app))
}
