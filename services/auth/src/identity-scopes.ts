// The identity service's own API: its audience is the issuer, and these are the scopes it defines.

/** Change or delete one's own account: only for first-party clients, only with the user's consent. */
export const ACCOUNT_SCOPE = 'account'
/** Read other users' accounts. */
export const READ_USERS_SCOPE = 'users:read'
/** An OpenID Connect request: the user's identity, from this issuer (Core 1.0 §3.1.2.1). */
export const OPENID_SCOPE = 'openid'
/** The user's name claims (Core 1.0 §5.4). */
export const PROFILE_SCOPE = 'profile'
/** The user's email address and whether it is verified (Core 1.0 §5.4). */
export const EMAIL_SCOPE = 'email'
/**
 * A grant that outlives the user's sign-in here (Core 1.0 §11). It says how long a grant lasts, not which API a token
 * is for: it belongs to no API, the identity service's or another.
 */
export const OFFLINE_ACCESS_SCOPE = 'offline_access'

export const IDENTITY_SCOPES: ReadonlySet<string> = new Set([ACCOUNT_SCOPE, READ_USERS_SCOPE, OPENID_SCOPE, PROFILE_SCOPE, EMAIL_SCOPE])

/** Scopes that name no API, and so no audience. */
export const isGrantLifetimeScope = (scope: string): boolean => scope === OFFLINE_ACCESS_SCOPE
