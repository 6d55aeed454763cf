// Who a request acts for: the claims of its active access token that the APIs use.
import type { ActiveIntrospection } from '@keyhold/contracts'

export interface Caller {
  sub: string
  clientId: string
  scope: string
  scopes: ReadonlySet<string>
  username?: string
  jti: string
  /** Expiry, in seconds since the epoch. */
  exp: number
}

export function toCaller (claims: ActiveIntrospection, jti: string): Caller {
  return {
    sub: claims.sub,
    clientId: claims.client_id,
    scope: claims.scope,
    scopes: new Set(claims.scope.split(' ').filter(Boolean)),
    ...(claims.username !== undefined && { username: claims.username }),
    jti,
    exp: claims.exp
  }
}
