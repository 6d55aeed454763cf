// What the identity service announces on its revocation channel, for services that cache its answers: the jti of
// one revoked access token, or that every token of a deleted client has ended.

export type RevocationNotice = { jti: string } | { clientId: string }

// A jti is a UUID, so no jti begins with this.
const CLIENT_ENDED = 'client:'

export const jtiRevokedNotice = (jti: string): string => jti
export const clientEndedNotice = (clientId: string): string => CLIENT_ENDED + clientId

export const readRevocationNotice = (message: string): RevocationNotice =>
  message.startsWith(CLIENT_ENDED) ? { clientId: message.slice(CLIENT_ENDED.length) } : { jti: message }

/**
 * The identity service's revocation event stream (`POST /revocations`, text/event-stream): a `ready` event once every
 * later notice will be delivered, then one `revocation` event per notice (its data the notice, as on the Redis channel),
 * and a comment line every `heartbeat` seconds. Notices announced while no stream is open are not replayed.
 */
export const REVOCATION_EVENT = 'revocation'
export const REVOCATION_STREAM_READY = 'ready'
export interface RevocationStreamReady {
  /** Seconds between two heartbeats: a stream silent for longer has been lost. */
  heartbeat: number
}
