// Answers an authorization request the user has approved: a code, or for the legacy implicit flow a token.
import type { FastifyInstance } from 'fastify'
import { randomToken, sha256 } from '../../crypto/hash.js'
import type { User } from '../../storage/types.js'
import { AccessDenied, InvalidRequestUri } from '../../errors.js'
import { issueGrantAccessToken, startGrant } from '../user-grants.js'
import type { AuthorizationRequest } from './request.js'
import { authorizationResponseUri, errorResponseUri } from './response.js'

/** RFC 9700 §4.15 asks for short-lived codes; a minute is the most we allow. */
export const AUTHORIZATION_CODE_TTL = 60

/** Uses up the pushed request this came from: only one answer per pushed request. */
async function usePushedRequest (app: FastifyInstance, request: AuthorizationRequest): Promise<void> {
  if (request.pushedRequest === undefined) return
  if (!(await app.stores.pushedRequests.consume(request.pushedRequest))) {
    throw new InvalidRequestUri('request_uri is unknown, expired or already used')
  }
}

async function issueCode (app: FastifyInstance, request: AuthorizationRequest, user: User): Promise<Record<string, string>> {
  const code = randomToken(32)
  await app.stores.authorizationCodes.save(sha256(code), {
    clientId: request.client.id,
    redirectUri: request.redirectUri,
    redirectUriGiven: request.redirectUriGiven,
    ...(request.codeChallenge !== undefined && { codeChallenge: request.codeChallenge }),
    userId: user.id,
    username: user.username,
    scopes: request.scopes
  }, AUTHORIZATION_CODE_TTL)
  return { code }
}

async function issueImplicitToken (app: FastifyInstance, request: AuthorizationRequest, user: User): Promise<Record<string, string>> {
  const grant = await startGrant(app, { clientId: request.client.id, userId: user.id, username: user.username, scopes: request.scopes })
  const token = await issueGrantAccessToken(app, grant)
  return {
    access_token: token.access_token,
    token_type: token.token_type,
    expires_in: String(token.expires_in),
    scope: token.scope ?? ''
  }
}

/** The URI to send the browser to with the request's answer. */
export async function approve (app: FastifyInstance, request: AuthorizationRequest, user: User): Promise<string> {
  await usePushedRequest(app, request)
  const parameters = request.responseType === 'code'
    ? await issueCode(app, request, user)
    : await issueImplicitToken(app, request, user)
  return authorizationResponseUri(app, request, parameters)
}

export async function deny (app: FastifyInstance, request: AuthorizationRequest): Promise<string> {
  await usePushedRequest(app, request)
  return errorResponseUri(app, request, new AccessDenied('the user denied the request'))
}
