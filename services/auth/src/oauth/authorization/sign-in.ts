// Which sign-in may answer a request (OpenID Connect Core §3.1.2.1): none when no one is signed in, when prompt=login
// asked for a sign-in after the request began, when the sign-in is older than max_age, or when the id_token_hint
// names someone else. Then the user signs in (again) first.
import type { SignedIn } from './interaction.js'
import type { AuthorizationRequest } from './request.js'

type SignInConditions = Pick<AuthorizationRequest, 'signInAfter' | 'maxAge' | 'hintSubject'>

export function answeringSignIn (request: SignInConditions, signedIn: SignedIn | undefined, now = Date.now() / 1000): SignedIn | undefined {
  if (signedIn === undefined) return undefined
  const { authTime } = signedIn.authentication
  if (request.signInAfter !== undefined && authTime < request.signInAfter) return undefined
  if (request.maxAge !== undefined && now - authTime > request.maxAge) return undefined
  if (request.hintSubject !== undefined && request.hintSubject !== signedIn.user.id) return undefined
  return signedIn
}
