// Logout tokens as the identity service sends them (Back-Channel Logout §2.4), signed with its real key, and the
// server-to-server post that carries one to the demo.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { decodeJwt, type JWTPayload } from 'jose'
import { signJwt, type JwtSigner } from '@keyhold/service-kit/jose'
import type { Answer, BackChannel } from './back-channel.js'
import type { Keyhold } from './keyhold.js'

export const EVENT = 'http://schemas.openid.net/event/backchannel-logout'

/** The id_token claims of the demo's sign-ins so far, in order: their sid and sub are what logout tokens name. */
export const signedInClaims = (backChannel: BackChannel): JWTPayload[] => backChannel.exchanges
  .filter((e) => e.path === '/token' && e.form.grant_type === 'authorization_code')
  .map((e) => decodeJwt(((e.answer as Answer).json as { id_token: string }).id_token))

export interface LogoutTokenOptions {
  /** Claims to add or replace; undefined removes one. */
  claims?: Record<string, unknown>
  /** The typ header; null for none. */
  typ?: string | null
  signer?: JwtSigner
}

/** A logout token from `keyhold` for `clientId`: iss, aud, iat, exp, jti and the event, with `claims` over them. */
export async function logoutToken (keyhold: Keyhold, clientId: string, options: LogoutTokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return signJwt({
    iss: keyhold.issuer,
    aud: clientId,
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    events: { [EVENT]: {} },
    ...options.claims
  }, options.signer ?? await keyhold.app.signing.signer('RS256'), options.typ === null ? undefined : options.typ ?? 'logout+jwt')
}

/** POST /backchannel-logout as the identity service sends it: a form, no cookie. */
export const postLogout = (app: FastifyInstance, token: string): Promise<LightMyRequestResponse> => app.inject({
  method: 'POST',
  url: '/backchannel-logout',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ logout_token: token }).toString()
})
