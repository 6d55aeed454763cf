// The browser login session: a random id in a signed HttpOnly SameSite=Lax cookie, its record in the session store.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomToken, sha256 } from '../crypto/hash.js'
import { PASSWORD_ACR } from '../oauth/id-tokens.js'
import { sessionsEnded } from '../oauth/logout/ended-sessions.js'
import type { SignedIn } from '../oauth/authorization/interaction.js'
import type { EndedSession, SessionRecord, User } from '../storage/types.js'

export const SESSION_COOKIE = 'keyhold_session'
/** Seconds between two notes of a session's last use. */
export const LAST_SEEN_RESOLUTION = 60
/** Characters of the User-Agent kept with a session: enough to name a browser and a system. */
const MAX_USER_AGENT = 300

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

/** The signed-in user, if the cookie names a live session whose account still exists. */
export async function currentSession (app: FastifyInstance, request: FastifyRequest): Promise<Session | undefined> {
  const hash = sessionHash(request)
  if (hash === undefined) return undefined
  const record = await app.stores.sessions.find(hash)
  if (!record) return undefined
  await noteUse(app, hash, record)
  const user = await app.stores.users.find(record.userId)
  return user && {
    user,
    signIn: hash,
    // A session stored before sessions had a sid has none: its id_tokens carry none, and it ends without telling clients.
    authentication: { authTime: record.authTime, amr: record.amr ?? ['pwd'], acr: record.acr ?? PASSWORD_ACR, ...(record.sid !== undefined && { sid: record.sid }) }
  }
}

/**
 * A new session id on every sign-in, so an id planted before it (session fixation) is worth nothing. The same user
 * signing in again (prompt=login, max_age) keeps the session's sid and what took part in it; another user's sign-in
 * signs the previous one out.
 */
/** How a sign-in was made: the methods used (RFC 8176) and the level they meet. */
export interface SignInMethods { amr: string[], acr: string }

const PASSWORD_ONLY: SignInMethods = { amr: ['pwd'], acr: PASSWORD_ACR }

export async function startSession (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: User, methods: SignInMethods = PASSWORD_ONLY
): Promise<void> {
  const hash = sessionHash(request)
  const previous = hash === undefined ? undefined : await app.stores.sessions.end(hash)
  const continued = previous?.record.userId === user.id ? previous : undefined
  if (previous && !continued) await sessionsEnded(app, [previous], { signedOut: true })
  const sid = continued?.record.sid ?? randomToken(16)
  await createSession(app, request, reply, user, { authTime: Math.floor(Date.now() / 1000), sid, ...methods })
  if (continued) await rejoin(app, sid, continued)
}

/**
 * After every session of the user has ended (a new password), the browser that made the change stays signed in: a new
 * session id and sid, holding the sign-in it had (its time and methods), in which no client has taken part yet.
 */
export async function renewSession (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, session: Session): Promise<void> {
  const { authTime, amr, acr } = session.authentication
  await createSession(app, request, reply, session.user, { authTime, sid: randomToken(16), amr, acr })
}

async function createSession (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: User,
  signIn: SignInMethods & { authTime: number, sid: string }
): Promise<void> {
  const ttl = app.config.sessionTtl
  const id = randomToken(32)
  const userAgent = request.headers['user-agent']?.slice(0, MAX_USER_AGENT)
  await app.stores.sessions.create(sha256(id), {
    userId: user.id,
    username: user.username,
    ...signIn,
    ...(userAgent !== undefined && { userAgent }),
    address: request.ip,
    lastSeen: Math.floor(Date.now() / 1000)
  }, ttl)
  reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions(app), maxAge: ttl })
}

/** Notes when a session was last used, at most once a minute: a write per page would cost more than it tells. */
async function noteUse (app: FastifyInstance, hash: string, record: SessionRecord): Promise<void> {
  const now = Math.floor(Date.now() / 1000)
  if (now - (record.lastSeen ?? record.authTime) >= LAST_SEEN_RESOLUTION) await app.stores.sessions.touch(hash, now)
}

async function rejoin (app: FastifyInstance, sid: string, { clients, grants }: EndedSession): Promise<void> {
  const ttl = app.config.sessionTtl
  await Promise.all([
    ...clients.map((clientId) => app.stores.sessions.join(sid, { clientId }, ttl)),
    ...grants.map((grant) => app.stores.sessions.join(sid, grant, ttl))
  ])
}

/** Signs the browser out: its session ends, with the grants that do not outlive it, and the clients in it are told. */
export async function endSession (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const hash = sessionHash(request)
  const ended = hash === undefined ? undefined : await app.stores.sessions.end(hash)
  if (ended) await sessionsEnded(app, [ended], { signedOut: true })
  if (request.cookies[SESSION_COOKIE] !== undefined) reply.clearCookie(SESSION_COOKIE, cookieOptions(app))
}
