// The OpenID Connect claims that granted scopes release (Core 1.0 §5.4), declared once for tokens, discovery and consent.
import { EMAIL_SCOPE, PROFILE_SCOPE } from '../identity-scopes.js'
import type { User } from '../storage/types.js'

/** The standard claims (Core 1.0 §5.1) this provider holds for a user; `sub` is the caller's to add. */
export interface StandardClaims {
  name?: string
  given_name?: string
  family_name?: string
  preferred_username?: string
  /** Seconds since the epoch. */
  updated_at?: number
  email?: string
  email_verified?: boolean
}

export type StandardClaim = keyof StandardClaims

/** The claims each scope releases; a scope not listed releases none. */
export const SCOPE_CLAIMS: ReadonlyMap<string, readonly StandardClaim[]> = new Map([
  [PROFILE_SCOPE, ['name', 'given_name', 'family_name', 'preferred_username', 'updated_at']],
  [EMAIL_SCOPE, ['email', 'email_verified']]
])

/** What identifies the user and the sign-in in an ID token (Core 1.0 §2), whatever the scopes. */
const PROTOCOL_CLAIMS = ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'amr', 'sid', 'at_hash'] as const

/** Every claim this provider can issue, for discovery's claims_supported. */
export const SUPPORTED_CLAIMS: readonly string[] = [...PROTOCOL_CLAIMS, ...new Set([...SCOPE_CLAIMS.values()].flat())]

function valuesOf (user: User): StandardClaims {
  return {
    name: user.name,
    given_name: user.givenName,
    family_name: user.familyName,
    preferred_username: user.username,
    updated_at: Math.floor(user.updatedAt.getTime() / 1000),
    email: user.email,
    // Whether an address is verified says nothing without the address.
    email_verified: user.email === undefined ? undefined : user.emailVerified
  }
}

/** The user's claims that `scopes` release, only those with a value. */
export function userClaims (user: User, scopes: readonly string[]): StandardClaims {
  const released = new Set(scopes.flatMap((scope) => SCOPE_CLAIMS.get(scope) ?? []))
  return Object.fromEntries(Object.entries(valuesOf(user))
    .filter(([claim, value]) => value !== undefined && released.has(claim as StandardClaim)))
}
