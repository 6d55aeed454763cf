// The identity service's own API: its audience is the issuer, and these are the scopes it defines.

/** Change or delete one's own account: only for first-party clients, only with the user's consent. */
export const ACCOUNT_SCOPE = 'account'
/** Read other users' accounts. */
export const READ_USERS_SCOPE = 'users:read'

export const IDENTITY_SCOPES: ReadonlySet<string> = new Set([ACCOUNT_SCOPE, READ_USERS_SCOPE])

export const isIdentityScope = (scope: string): boolean => IDENTITY_SCOPES.has(scope)
