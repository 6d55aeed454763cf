// The browser an authorization request is held for: a random id in its own signed cookie, lasting across sign-ins.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomToken, sha256 } from '../crypto/hash.js'
import { cookieOptions, signedIdHash } from './session.js'

const BROWSER_COOKIE = 'keyhold_browser'

/** The hash of this browser's id, or undefined when it has none (or a forged one). */
export const browserOf = (request: FastifyRequest): string | undefined => signedIdHash(request, BROWSER_COOKIE)

export function browserOrNew (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): string {
  const known = browserOf(request)
  if (known !== undefined) return known
  const id = randomToken(32)
  reply.setCookie(BROWSER_COOKIE, id, cookieOptions(app))
  return sha256(id)
}
