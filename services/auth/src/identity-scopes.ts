// The identity service's own API: its audience is the issuer, and these are the scopes it defines.

/** Change or delete one's own account: only for first-party clients, only with the user's consent. */
export const ACCOUNT_SCOPE = 'account'
/** Read other users' accounts. */
export const READ_USERS_SCOPE = 'users:read'

export const IDENTITY_SCOPES: ReadonlySet<string> = new Set([ACCOUNT_SCOPE, READ_USERS_SCOPE])

export const isIdentityScope = (scope: string): boolean => IDENTITY_SCOPES.has(scope)

/** Asks for an id_token: the request is an OpenID Connect one (Core §3.1.2.1). */
export const OPENID_SCOPE = 'openid'
/** Keeps the grant alive after the user signs out (Core §11): only through the code flow, only with consent. */
export const OFFLINE_ACCESS_SCOPE = 'offline_access'
