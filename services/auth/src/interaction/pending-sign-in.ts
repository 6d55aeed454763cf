// A sign-in between its password and its second factor: not a session yet. It lives in a sealed cookie (AES-GCM under
// a key of its own, so neither the browser nor anyone else can read or forge it), bound to the browser that gave the
// password, lasting SECOND_FACTOR_PENDING_TTL seconds; where it goes next (the authorization request or an account
// page) travels inside it, never in the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { deriveKey } from '../crypto/hash.js'
import { open, seal } from '../crypto/sealed-box.js'
import type { User } from '../storage/types.js'
import { browserOf, browserOrNew } from './browser.js'
import { cookieOptions } from './session.js'

const PENDING_COOKIE = 'keyhold_second_factor'
const MAX_COOKIE = 2000

export interface PendingSignIn {
  userId: string
  /** The browser it was started in (the hash of its id). */
  browser: string
  /** Seconds since the epoch after which it is gone. */
  expires: number
  requestId?: string
  returnTo?: string
}

const key = (app: FastifyInstance): Buffer => deriveKey(app.config.secret, 'pending-sign-in-sealing')

export function startPendingSignIn (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: User, next: { requestId?: string | undefined, returnTo?: string | undefined }
): void {
  const ttl = app.config.secondFactor.pendingTtl
  const pending: PendingSignIn = {
    userId: user.id,
    browser: browserOrNew(app, request, reply),
    expires: Math.floor(Date.now() / 1000) + ttl,
    ...(next.requestId !== undefined && { requestId: next.requestId }),
    ...(next.returnTo !== undefined && { returnTo: next.returnTo })
  }
  reply.setCookie(PENDING_COOKIE, seal(key(app), JSON.stringify(pending)), { ...cookieOptions(app), signed: false, maxAge: ttl })
}

/** The sign-in pending in this browser, or undefined when there is none, it has expired, or it was another browser's. */
export function pendingSignIn (app: FastifyInstance, request: FastifyRequest): PendingSignIn | undefined {
  const cookie = request.cookies[PENDING_COOKIE]
  if (cookie === undefined || cookie.length > MAX_COOKIE) return undefined
  let pending: PendingSignIn
  try {
    pending = JSON.parse(open(key(app), cookie)) as PendingSignIn
  } catch {
    return undefined
  }
  if (pending.expires < Date.now() / 1000 || pending.browser !== browserOf(request)) return undefined
  return pending
}

export function endPendingSignIn (app: FastifyInstance, reply: FastifyReply): void {
  reply.clearCookie(PENDING_COOKIE, { ...cookieOptions(app), signed: false })
}
