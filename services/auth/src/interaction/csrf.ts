// CSRF tokens for the pages' forms, each bound to the form it was rendered for, to the browser's session (before
// sign-in, to the browser's token secret alone) and to the pending authorization request it answers. A token taken
// from another browser, another form or another request is refused; signing in rotates the secret.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyCsrfProtectionOptions } from '@fastify/csrf-protection'
import { deriveKey } from '../crypto/hash.js'
import { cookieOptions, sessionHash } from './session.js'

export const CSRF_COOKIE = 'keyhold_csrf'

/** The sign-in flow's forms by name; every other page's form by the route it posts to (`/account/password`). */
export type Form = 'login' | 'consent' | 'logout' | `/${string}`

const FORM_OF_ROUTE: Record<string, Form> = { '/login': 'login', '/consent': 'consent', '/logout': 'logout' }
const formOf = (route: string | undefined): Form | undefined =>
  route === undefined ? undefined : FORM_OF_ROUTE[route] ?? (route as Form)

const binding = (request: FastifyRequest, form: Form | undefined, requestId: string | undefined): string =>
  [form ?? '', sessionHash(request) ?? '', requestId ?? ''].join('\n')

/** The token for `form` as this browser now sees it, answering the pending request `requestId`. */
export function formToken (request: FastifyRequest, reply: FastifyReply, form: Form, requestId?: string): string {
  return reply.generateCsrf({ userInfo: binding(request, form, requestId) })
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
