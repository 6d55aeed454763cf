// What the consent page tells the user each of the identity service's scopes allows, in plain words.
import { ACCOUNT_SCOPE, READ_USERS_SCOPE } from '../identity-scopes.js'

const DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  [ACCOUNT_SCOPE, 'Change your password or username, or delete your account'],
  [READ_USERS_SCOPE, 'See the usernames and details of other users’ accounts']
])

/** The description of `scope`, or undefined for a scope another API defines. */
export const describeScope = (scope: string): string | undefined => DESCRIPTIONS.get(scope)
