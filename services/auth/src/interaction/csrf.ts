// CSRF tokens for the pages' forms, each bound to the form it was rendered for, to the browser's session (before
// sign-in, to the browser's token secret alone) and to the pending authorization request it answers. A token taken
// from another browser, another form or another request is refused; signing in rotates the secret.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyCsrfProtectionOptions } from '@fastify/csrf-protection'
import { deriveKey } from '../crypto/hash.js'
import { cookieOptions, sessionHash } from './session.js'

export const CSRF_COOKIE = 'keyhold_csrf'
/** As @fastify/csrf makes them. */
const SECRET_BYTES = 18

/** The sign-in flow's forms by name; every other page's form by the route it posts to (`/account/password`). */
export type Form = 'login' | 'consent' | 'logout' | `/${string}`

const FORM_OF_ROUTE: Record<string, Form> = { '/login': 'login', '/consent': 'consent', '/logout': 'logout' }
const formOf = (route: string | undefined): Form | undefined =>
  route === undefined ? undefined : FORM_OF_ROUTE[route] ?? (route as Form)

const binding = (request: FastifyRequest, form: Form | undefined, requestId: string | undefined): string =>
  [form ?? '', sessionHash(request) ?? '', requestId ?? ''].join('\n')

/** The token for `form` as this browser now sees it, answering the pending request `requestId`. */
export function formToken (request: FastifyRequest, reply: FastifyReply, form: Form, requestId?: string): string {
  withSecret(request, reply)
  return reply.generateCsrf({ userInfo: binding(request, form, requestId) })
}

/**
 * A browser without a secret gets one here, once per response: left to the plugin, each token on a page of several
 * forms would make its own secret, and only the last one's cookie would reach the browser.
 */
function withSecret (request: FastifyRequest, reply: FastifyReply): void {
  const cookie = request.cookies[CSRF_COOKIE]
  if (cookie !== undefined && request.unsignCookie(cookie).valid) return
  const secret = randomBytes(SECRET_BYTES).toString('base64url')
  reply.setCookie(CSRF_COOKIE, secret, cookieOptions(request.server))
  request.cookies[CSRF_COOKIE] = reply.signCookie(secret)
}

export function csrfOptions (app: FastifyInstance): FastifyCsrfProtectionOptions {
  return {
    cookieKey: CSRF_COOKIE,
    cookieOpts: cookieOptions(app),
    csrfOpts: { hmacKey: deriveKey(app.config.secret, 'csrf-binding').toString('base64url'), userInfo: true },
    getUserInfo: (request) => {
      const body = request.body as { request_id?: unknown } | undefined
      const requestId = typeof body?.request_id === 'string' ? body.request_id : undefined
      return binding(request, formOf(request.routeOptions.url), requestId)
    }
  }
}
