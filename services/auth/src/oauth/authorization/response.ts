// Builds authorization responses (RFC 6749 §4.1.2, §4.2.2): every one carries iss (RFC 9207) and the exact state, and
// goes where the request's response mode says (the query, the fragment, or a form posted to the redirect URI).
import type { FastifyInstance } from 'fastify'
import type { OAuthError } from '../../errors.js'
import type { RedirectTarget } from './request.js'

export interface AuthorizationAnswer {
  target: RedirectTarget
  /** Every parameter of the response, state and iss included. */
  parameters: Record<string, string>
}

export function authorizationAnswer (app: FastifyInstance, target: RedirectTarget, parameters: Record<string, string>): AuthorizationAnswer {
  return {
    target,
    parameters: { ...parameters, ...(target.state !== undefined && { state: target.state }), iss: app.config.issuer }
  }
}

export function errorAnswer (app: FastifyInstance, target: RedirectTarget, error: OAuthError): AuthorizationAnswer {
  return authorizationAnswer(app, target, {
    error: error.error,
    ...(error.description !== undefined && { error_description: error.description })
  })
}

/** The URI of an answer in the query or the fragment; a form_post answer is a page instead. */
export function answerUri ({ target, parameters }: AuthorizationAnswer): string {
  const url = new URL(target.redirectUri)
  const response = new URLSearchParams(parameters)
  if (target.mode === 'fragment') {
    url.hash = response.toString()
  } else {
    for (const [name, value] of response) url.searchParams.append(name, value)
  }
  return url.toString()
}
