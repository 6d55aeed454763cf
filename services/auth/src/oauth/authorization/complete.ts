// Answers an authorization request the user has approved: a code, or for the legacy implicit flow tokens.
import type { FastifyInstance } from 'fastify'
import { randomToken, sha256 } from '../../crypto/hash.js'
import { AccessDenied, InvalidRequestUri, type OAuthError } from '../../errors.js'
import { userClaims } from '../../oidc/claims.js'
import { issueIdToken } from '../id-tokens.js'
import { issueGrantAccessToken, startGrant } from '../user-grants.js'
import type { SignedIn } from './interaction.js'
import type { AuthorizationRequest } from './request.js'
import { authorizationAnswer, errorAnswer, type AuthorizationAnswer } from './response.js'

/** RFC 9700 §4.15 asks for short-lived codes; a minute is the most we allow. */
export const AUTHORIZATION_CODE_TTL = 60

/** Uses up the pushed request this came from: only one answer per pushed request. */
async function usePushedRequest (app: FastifyInstance, request: AuthorizationRequest): Promise<void> {
  if (request.pushedRequest === undefined) return
  if (!(await app.stores.pushedRequests.consume(request.pushedRequest))) {
    throw new InvalidRequestUri('request_uri is unknown, expired or already used')
  }
}

async function issueCode (app: FastifyInstance, request: AuthorizationRequest, { user, authentication }: SignedIn): Promise<Record<string, string>> {
  const code = randomToken(32)
  await app.stores.authorizationCodes.save(sha256(code), {
    clientId: request.client.id,
    redirectUri: request.redirectUri,
    redirectUriGiven: request.redirectUriGiven,
    ...(request.codeChallenge !== undefined && { codeChallenge: request.codeChallenge }),
    userId: user.id,
    username: user.username,
    scopes: request.scopes,
    ...(request.resources !== undefined && { resources: request.resources }),
    ...(request.nonce !== undefined && { nonce: request.nonce }),
    authentication
  }, AUTHORIZATION_CODE_TTL)
  return { code }
}

/** The legacy implicit flow's tokens: an access token (`token`), an id_token (`id_token`), or both. */
async function issueImplicitTokens (app: FastifyInstance, request: AuthorizationRequest, { user, authentication }: SignedIn): Promise<Record<string, string>> {
  const { client, responseType, scopes, nonce } = request
  let tokens: Record<string, string> = {}
  if (responseType !== 'id_token') {
    const grant = await startGrant(app, {
      clientId: client.id, userId: user.id, username: user.username, scopes, authentication, ...(request.resources !== undefined && { resources: request.resources })
    })
    const token = await issueGrantAccessToken(app, grant)
    tokens = { access_token: token.access_token, token_type: token.token_type, expires_in: String(token.expires_in), scope: token.scope ?? '' }
  }
  if (responseType === 'token') return tokens
  // With no access token there is no userinfo request to come: the claims go in the id_token (Core §5.4).
  const claims = responseType === 'id_token' ? userClaims(user, scopes) : undefined
  const idToken = await issueIdToken(app, { client, subject: user.id, authentication, nonce, accessToken: tokens.access_token, claims })
  return { ...tokens, id_token: idToken }
}

/** The answer to send the browser back with. */
export async function approve (app: FastifyInstance, request: AuthorizationRequest, signedIn: SignedIn): Promise<AuthorizationAnswer> {
  await usePushedRequest(app, request)
  // The client takes part in the session: when it ends, the client is told.
  const { sid } = signedIn.authentication
  if (sid !== undefined) await app.stores.sessions.join(sid, { clientId: request.client.id }, app.config.sessionTtl)
  const parameters = request.responseType === 'code'
    ? await issueCode(app, request, signedIn)
    : await issueImplicitTokens(app, request, signedIn)
  return authorizationAnswer(app, request, parameters)
}

export async function deny (app: FastifyInstance, request: AuthorizationRequest): Promise<AuthorizationAnswer> {
  return refuse(app, request, new AccessDenied('the user denied the request'))
}

/** An error answer to a request that was held or checked: its pushed request, if any, is used up too. */
export async function refuse (app: FastifyInstance, request: AuthorizationRequest, error: OAuthError): Promise<AuthorizationAnswer> {
  await usePushedRequest(app, request)
  return errorAnswer(app, request, error)
}
