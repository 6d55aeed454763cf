// Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4), posted to each client that took part in a session when
// the session ends, through the delivery queue: never on the user's request path, retried when the client fails.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { signJwt } from '@keyhold/service-kit/jose'
import type { Client } from '../../clients/client.js'
import type { SessionRecord } from '../../storage/types.js'

export const LOGOUT_TOKEN_TYPE = 'logout+jwt'
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'
// Long enough to outlast the deliveries' retries: a token that expired while its client was down would be refused.
export const LOGOUT_TOKEN_TTL = 3600

export async function logoutToken (app: FastifyInstance, client: Client, session: SessionRecord): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return signJwt({
    iss: app.config.issuer,
    aud: client.id,
    iat,
    exp: iat + LOGOUT_TOKEN_TTL,
    jti: randomUUID(),
    sub: session.userId,
    ...(session.sid !== undefined && { sid: session.sid }),
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }
  }, await app.signing.signer(client.idTokenSigningAlg), LOGOUT_TOKEN_TYPE)
}

/** Queues a logout token for each client of `clientIds` that registered a back-channel logout URI. */
export async function announceLogout (app: FastifyInstance, session: SessionRecord, clientIds: readonly string[]): Promise<void> {
  await Promise.all(clientIds.map(async (clientId) => {
    const client = await app.stores.clients.find(clientId)
    if (client?.backchannelLogoutUri === undefined) return
    await app.deliveries.enqueue({
      kind: 'backchannel-logout',
      url: client.backchannelLogoutUri,
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({ logout_token: await logoutToken(app, client, session) }).toString()
    })
  }))
}
