// What the consent page tells the user each of the identity service's scopes allows, in plain words.
import {
  ACCOUNT_SCOPE, EMAIL_SCOPE, OFFLINE_ACCESS_SCOPE, OPENID_SCOPE, PROFILE_SCOPE, READ_USERS_SCOPE
} from '../identity-scopes.js'
import { SCOPE_CLAIMS } from '../oidc/claims.js'

/** The claims a scope releases, as the client will receive them, so that the words never promise less than the table. */
const claimsOf = (scope: string) => (SCOPE_CLAIMS.get(scope) ?? []).join(', ')

const DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  [ACCOUNT_SCOPE, 'Change your password or username, or delete your account'],
  [READ_USERS_SCOPE, 'See the usernames and details of other users’ accounts'],
  [OPENID_SCOPE, 'Know who you are: an identifier for your account here'],
  [PROFILE_SCOPE, `Your name and username, and when you last changed them: ${claimsOf(PROFILE_SCOPE)}`],
  [EMAIL_SCOPE, `Your email address and whether it is verified: ${claimsOf(EMAIL_SCOPE)}`],
  [OFFLINE_ACCESS_SCOPE, 'Stay signed in to the application after you sign out here']
])

/** The description of `scope`, or undefined for a scope another API defines. */
export const describeScope = (scope: string): string | undefined => DESCRIPTIONS.get(scope)
