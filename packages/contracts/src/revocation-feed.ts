// What the identity service announces on its revocation channel, for services that cache its answers: the jti of
// one revoked access token, or that every token of a deleted client has ended.

export type RevocationNotice = { jti: string } | { clientId: string }

// A jti is a UUID, so no jti begins with this.
const CLIENT_ENDED = 'client:'

export const jtiRevokedNotice = (jti: string): string => jti
export const clientEndedNotice = (clientId: string): string => CLIENT_ENDED + clientId

export const readRevocationNotice = (message: string): RevocationNotice =>
  message.startsWith(CLIENT_ENDED) ? { clientId: message.slice(CLIENT_ENDED.length) } : { jti: message }
