// Checks an authorization request (RFC 6749 §4.1.1, §4.2.1, OpenID Connect Core §3.1.2.1) in the order that decides
// where errors may go: client and redirect URI first (their errors are shown, never redirected), then the checks of
// AUTHORIZATION_CHECKS (redirected).
import type { FastifyInstance } from 'fastify'
import type { AuthorizationParameters, AuthorizeQuery } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'
import { sha256 } from '../../crypto/hash.js'
import type { CheckedAuthorizationRequest } from '../../storage/types.js'
import { checkRedirectUri } from '../checks/redirect-uri.js'
import { responseModeFor } from '../checks/response-mode.js'
import { normalisedResponseType } from '../checks/response-type.js'
import { isValidState } from '../checks/state.js'
import { InvalidRequest, InvalidRequestUri, OAuthError } from '../../errors.js'
import { runAuthorizationChecks } from './checks.js'

export const PUSHED_REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:'

/** Where an authorization response (or error) for a request goes. */
export type RedirectTarget = Pick<CheckedAuthorizationRequest, 'redirectUri' | 'state' | 'mode'>

export interface AuthorizationRequest extends Omit<CheckedAuthorizationRequest, 'clientId'> {
  client: Client
}

/** An error to send back to the client at its checked redirect URI. */
export class RedirectingError extends Error {
  constructor (readonly target: RedirectTarget, readonly error: OAuthError) {
    super(error.message)
  }
}

/** Where errors about the rest of the request go, decided before any of it is checked. */
function redirectTarget (redirectUri: string, parameters: AuthorizationParameters): RedirectTarget {
  const { state, response_type: responseType } = parameters
  return {
    redirectUri,
    // A state we refuse is not sent back: it is not something the client could have sent.
    ...(state !== undefined && isValidState(state) && { state }),
    mode: responseModeFor(responseType === undefined ? undefined : normalisedResponseType(responseType), parameters.response_mode)
  }
}

/** Checks the parameters of a request for `client`; errors after the redirect URI come as RedirectingError. */
export async function checkAuthorizationParameters (
  app: FastifyInstance, client: Client, parameters: AuthorizationParameters
): Promise<Omit<AuthorizationRequest, 'pushedRequest'>> {
  const redirectUri = checkRedirectUri(client, parameters.redirect_uri)
  const target = redirectTarget(redirectUri, parameters)
  try {
    const checked = await runAuthorizationChecks(app, client, parameters)
    return { ...checked, redirectUri, client, redirectUriGiven: parameters.redirect_uri !== undefined }
  } catch (error) {
    if (error instanceof OAuthError) throw new RedirectingError(target, error)
    throw error
  }
}

async function pushedParameters (app: FastifyInstance, clientId: string, requestUri: string) {
  if (!requestUri.startsWith(PUSHED_REQUEST_URI_PREFIX)) throw new InvalidRequestUri('request_uri is not one this server issued')
  const requestHash = sha256(requestUri.slice(PUSHED_REQUEST_URI_PREFIX.length))
  const pushed = await app.stores.pushedRequests.find(requestHash)
  if (!pushed || pushed.clientId !== clientId) throw new InvalidRequestUri('request_uri is unknown, expired or already used')
  return { parameters: pushed.parameters as AuthorizationParameters, requestHash }
}

/** Resolves a request at /authorize, pushed (RFC 9126) or not. */
export async function resolveAuthorizationRequest (app: FastifyInstance, query: AuthorizeQuery): Promise<AuthorizationRequest> {
  if (query.client_id === undefined) throw new InvalidRequest('client_id is required')
  const client = await app.stores.clients.find(query.client_id)
  if (!client) throw new InvalidRequest('the client is unknown')
  if (query.request_uri === undefined) return checkAuthorizationParameters(app, client, query)
  // Of a pushed request only client_id and request_uri travel through the browser; the rest was pushed.
  const { parameters, requestHash } = await pushedParameters(app, client.id, query.request_uri)
  return { ...await checkAuthorizationParameters(app, client, parameters), pushedRequest: requestHash }
}
