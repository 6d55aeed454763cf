// Which sign-in may answer a request (OpenID Connect Core §3.1.2.1). With prompt=login, or a sign-in older than
// max_age, the sign-in present at /authorize may not: a new one must replace it. With an id_token_hint, only the
// user it names may answer; when the request requires a second factor, only a sign-in that used one.
import { MULTI_FACTOR_ACR } from '../id-tokens.js'
import type { SignedIn } from './interaction.js'
import type { AuthorizationRequest } from './request.js'

/** The request as it is held: a sign-in present now that it does not accept is marked as one to replace. */
export function withSignInDemands (request: AuthorizationRequest, current: SignedIn | undefined, now = Date.now() / 1000): AuthorizationRequest {
  if (current === undefined) return request
  const stale = request.prompt?.includes('login') === true || (request.maxAge !== undefined && now - current.authentication.authTime > request.maxAge)
  return stale ? { ...request, replacesSignIn: current.signIn } : request
}

export function answeringSignIn (
  request: Pick<AuthorizationRequest, 'replacesSignIn' | 'hintSubject' | 'requiresSecondFactor'>, signedIn: SignedIn | undefined
): SignedIn | undefined {
  if (signedIn === undefined) return undefined
  // A sign-in with the password alone is made again, with a second factor this time.
  if (request.requiresSecondFactor === true && signedIn.authentication.acr !== MULTI_FACTOR_ACR) return undefined
  if (request.replacesSignIn !== undefined && signedIn.signIn === request.replacesSignIn) return undefined
  if (request.hintSubject !== undefined && request.hintSubject !== signedIn.user.id) return undefined
  return signedIn
}
