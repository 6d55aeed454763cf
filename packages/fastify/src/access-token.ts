// What a request's active access token says, as the plugin hands it to routes: `request.token`.
import type { ActiveIntrospection, Actor } from '@keyhold/contracts'

export interface AccessToken {
  /** The user, or the client itself for a client_credentials token. */
  sub: string
  clientId: string
  /** The granted scopes, space-separated as issued. */
  scope: string
  scopes: ReadonlySet<string>
  /** Every API the token names in `aud`. */
  audience: readonly string[]
  username?: string
  /** Who acts for `sub` (RFC 8693 §4.1), the most recent actor first, earlier ones nested in `act.act`. */
  act?: Actor
  jti: string
  /** Expiry, in seconds since the epoch. */
  exp: number
}

const asList = (aud: string | string[] | undefined): string[] => aud === undefined ? [] : Array.isArray(aud) ? aud : [aud]

export function toAccessToken (claims: ActiveIntrospection, jti: string): AccessToken {
  return {
    sub: claims.sub,
    clientId: claims.client_id,
    scope: claims.scope,
    scopes: new Set(claims.scope.split(' ').filter(Boolean)),
    audience: asList(claims.aud),
    ...(claims.username !== undefined && { username: claims.username }),
    ...(claims.act !== undefined && { act: claims.act }),
    jti,
    exp: claims.exp
  }
}
