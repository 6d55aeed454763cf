// The identity service's own API: its identifier is the issuer, and its scopes and their descriptions are fixed here.
import {
  ACCOUNT_SCOPE, EMAIL_SCOPE, OFFLINE_ACCESS_SCOPE, OPENID_SCOPE, PROFILE_SCOPE, READ_USERS_SCOPE
} from '../identity-scopes.js'
import { SCOPE_CLAIMS } from '../oidc/claims.js'
import type { Api, ApiScope } from './api.js'

export const IDENTITY_API_ID = 'identity'
export const IDENTITY_API_NAME = 'Keyhold account'

/** The claims a scope releases, as the client will receive them, so that the words never promise less than the table. */
const claimsOf = (scope: string) => (SCOPE_CLAIMS.get(scope) ?? []).join(', ')

export const IDENTITY_API_SCOPES: readonly ApiScope[] = [
  { name: ACCOUNT_SCOPE, description: 'Change your password or username, or delete your account' },
  { name: READ_USERS_SCOPE, description: 'See the usernames and details of other users’ accounts' },
  { name: OPENID_SCOPE, description: 'Know who you are: an identifier for your account here' },
  { name: PROFILE_SCOPE, description: `Your name and username, and when you last changed them: ${claimsOf(PROFILE_SCOPE)}` },
  { name: EMAIL_SCOPE, description: `Your email address and whether it is verified: ${claimsOf(EMAIL_SCOPE)}` },
  { name: OFFLINE_ACCESS_SCOPE, description: 'Stay signed in to the application after you sign out here' }
]

/** Names no other API may define. */
export const RESERVED_SCOPES: ReadonlySet<string> = new Set(IDENTITY_API_SCOPES.map(({ name }) => name))

export const identityApi = (issuer: string, accessTokenTtl: number, introspectors: readonly string[]): Api => ({
  id: IDENTITY_API_ID,
  identifier: issuer,
  name: IDENTITY_API_NAME,
  scopes: IDENTITY_API_SCOPES,
  accessTokenTtl,
  introspectors,
  builtIn: true
})
