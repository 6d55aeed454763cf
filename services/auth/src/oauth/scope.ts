// Scope requests (RFC 6749 §3.3): what a client asks for, within what it may have.
import { InvalidScope } from './errors.js'

export function parseScope (scope: string | undefined): string[] | undefined {
  return scope === undefined ? undefined : [...new Set(scope.split(' '))]
}

/** The scopes to grant: those requested, or all allowed when none are; anything beyond allowed is refused. */
export function grantableScopes (requested: string[] | undefined, allowed: readonly string[]): string[] {
  if (requested === undefined) return [...allowed]
  const refused = requested.filter((scope) => !allowed.includes(scope))
  if (refused.length > 0) throw new InvalidScope(`scope not allowed for this client: ${refused.join(' ')}`)
  return requested
}
