// Checks an authorization request (RFC 6749 §4.1.1, §4.2.1) in the order that decides where errors may go:
// client and redirect URI first (their errors are shown, never redirected), then the rest (redirected).
import type { FastifyInstance } from 'fastify'
import type { AuthorizationParameters, AuthorizeQuery } from '@keyhold/contracts'
import { SCOPE_TOKEN } from '@keyhold/contracts'
import { isPublic, type Client } from '../../clients/client.js'
import { sha256 } from '../../crypto/hash.js'
import type { CheckedAuthorizationRequest } from '../../storage/types.js'
import { checkCodeChallenge } from '../checks/pkce.js'
import { checkRedirectUri } from '../checks/redirect-uri.js'
import { isValidState, MAX_STATE_LENGTH } from '../checks/state.js'
import {
  InvalidRequest, InvalidRequestUri, InvalidScope, OAuthError, UnauthorizedClient, UnsupportedResponseType
} from '../../errors.js'
import { clientScopes, grantableScopes, parseScope } from '../scope.js'

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

const SCOPE = new RegExp(`^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$`)

function checkResponseType (client: Client, responseType: string | undefined): 'code' | 'token' {
  if (responseType === undefined) throw new InvalidRequest('response_type is required')
  if (responseType !== 'code' && responseType !== 'token') {
    throw new UnsupportedResponseType('response_type must be code or token')
  }
  if (!client.responseTypes.includes(responseType)) {
    throw new UnauthorizedClient(`the client is not allowed response_type '${responseType}'`)
  }
  return responseType
}

function checkScope (client: Client, scope: string | undefined): string[] {
  if (scope !== undefined && !SCOPE.test(scope)) throw new InvalidScope('scope is malformed')
  return grantableScopes(parseScope(scope), clientScopes(client, { forUser: true }))
}

/** Checks the parameters of a request for `client`; errors after the redirect URI come as RedirectingError. */
export function checkAuthorizationParameters (client: Client, parameters: AuthorizationParameters): Omit<AuthorizationRequest, 'pushedRequest'> {
  const redirectUri = checkRedirectUri(client, parameters.redirect_uri)
  const { state } = parameters
  const stateValid = state === undefined || isValidState(state)
  const target: RedirectTarget = {
    redirectUri,
    // A state we refuse is not sent back: it is not something the client could have sent.
    ...(state !== undefined && stateValid && { state }),
    mode: parameters.response_type === 'token' ? 'fragment' : 'query'
  }
  try {
    if (!stateValid) throw new InvalidRequest(`state must be at most ${MAX_STATE_LENGTH} printable ASCII characters`)
    const responseType = checkResponseType(client, parameters.response_type)
    const scopes = checkScope(client, parameters.scope)
    const codeChallenge = responseType === 'code'
      ? checkCodeChallenge(parameters.code_challenge, parameters.code_challenge_method, { required: isPublic(client) })
      : undefined
    return {
      ...target,
      client,
      redirectUriGiven: parameters.redirect_uri !== undefined,
      responseType,
      scopes,
      ...(codeChallenge !== undefined && { codeChallenge })
    }
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
  if (query.request_uri === undefined) return checkAuthorizationParameters(client, query)
  // Of a pushed request only client_id and request_uri travel through the browser; the rest was pushed.
  const { parameters, requestHash } = await pushedParameters(app, client.id, query.request_uri)
  return { ...checkAuthorizationParameters(client, parameters), pushedRequest: requestHash }
}
