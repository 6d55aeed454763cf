// Which sign-in may answer a request (OpenID Connect Core §3.1.2.1). With prompt=login, or a sign-in older than
// max_age, the session present at /authorize may not: a new sign-in must replace it. With an id_token_hint, only the
// user it names may answer.
import type { SignedIn } from './interaction.js'
import type { AuthorizationRequest } from './request.js'

/** The request as it is held: a sign-in present now that it does not accept is marked as one to replace. */
export function withSignInDemands (request: AuthorizationRequest, current: SignedIn | undefined, now = Date.now() / 1000): AuthorizationRequest {
  if (current === undefined) return request
  const { authTime, sid } = current.authentication
  const stale = request.prompt?.includes('login') === true || (request.maxAge !== undefined && now - authTime > request.maxAge)
  return stale ? { ...request, replacesSession: sid ?? '' } : request
}

export function answeringSignIn (request: Pick<AuthorizationRequest, 'replacesSession' | 'hintSubject'>, signedIn: SignedIn | undefined): SignedIn | undefined {
  if (signedIn === undefined) return undefined
  if (request.replacesSession !== undefined && signedIn.authentication.sid === request.replacesSession) return undefined
  if (request.hintSubject !== undefined && request.hintSubject !== signedIn.user.id) return undefined
  return signedIn
}
