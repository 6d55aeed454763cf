// Scope requests (RFC 6749 §3.3): what a client asks for, within what it may have.
import type { Client } from '../clients/client.js'
import { InvalidScope } from '../errors.js'
import { ACCOUNT_SCOPE } from '../identity-scopes.js'

export function parseScope (scope: string | undefined): string[] | undefined {
  return scope === undefined ? undefined : [...new Set(scope.split(' '))]
}

/**
 * The scopes a client may be granted: its registered ones, but `account` only to a first-party client acting for
 * a user (never through client_credentials, where there is no account to act on).
 */
export function clientScopes (client: Client, { forUser }: { forUser: boolean }): string[] {
  return client.scopes.filter((scope) => scope !== ACCOUNT_SCOPE || (client.firstParty && forUser))
}

/** The scopes to grant: those requested, or all allowed when none are; anything beyond allowed is refused. */
export function grantableScopes (requested: string[] | undefined, allowed: readonly string[]): string[] {
  if (requested === undefined) return [...allowed]
  const refused = requested.filter((scope) => !allowed.includes(scope))
  if (refused.length > 0) throw new InvalidScope('the requested scope is not allowed for this client')
  return requested
}
