// Builds authorization responses (RFC 6749 §4.1.2, §4.2.2): every one carries iss (RFC 9207) and the exact state.
import type { FastifyInstance } from 'fastify'
import type { OAuthError } from '../../errors.js'
import type { RedirectTarget } from './request.js'

export function authorizationResponseUri (app: FastifyInstance, target: RedirectTarget, parameters: Record<string, string>): string {
  const url = new URL(target.redirectUri)
  const response = new URLSearchParams({
    ...parameters,
    ...(target.state !== undefined && { state: target.state }),
    iss: app.config.issuer
  })
  if (target.mode === 'fragment') {
    url.hash = response.toString()
  } else {
    for (const [name, value] of response) url.searchParams.append(name, value)
  }
  return url.toString()
}

export function errorResponseUri (app: FastifyInstance, target: RedirectTarget, error: OAuthError): string {
  return authorizationResponseUri(app, target, {
    error: error.error,
    ...(error.description !== undefined && { error_description: error.description })
  })
}
