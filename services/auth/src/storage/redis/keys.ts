// The only place Redis key names are built. Every key written under them carries a TTL.
export interface RedisKeys {
  accessToken (tokenHash: string): string
  failures (key: string): string
  /** Present while `address` counts as one the account (by enforced username) signed in from. */
  knownAddress (usernameKey: string, address: string): string
  /** Present while the client assertion `jtiHash` of the client has not expired: a second use is a replay. */
  usedAssertion (clientId: string, jtiHash: string): string
  /** Pub/sub channel on which the jti of every revoked access token is announced. */
  revocations: string
  authorizationCode (codeHash: string): string
  refreshToken (tokenHash: string): string
  /** The members (access and refresh tokens, as `at:<hash>` / `rt:<hash>`) of a grant. */
  grantTokens (grantId: string): string
  /** Present once a grant has been revoked, so no token can join it afterwards. */
  grantRevoked (grantId: string): string
  userGrants (userId: string): string
  /** A sorted set of a client's grants (`grant:<id>`), each scored by when it expires. */
  clientGrants (clientId: string): string
  /** Present once a client has been deleted, so nothing can be added for it afterwards. */
  clientClosed (clientId: string): string
  session (sessionHash: string): string
  /** The session hashes of a user, so that a new password or a deletion can end them all. */
  userSessions (userId: string): string
  /** Who took part in the session `sid`: `c:<clientId>` fields, and `g:<grantId>` fields naming their client. */
  sessionParticipants (sid: string): string
  pushedRequest (requestHash: string): string
  pendingAuthorization (requestHash: string): string
  /** A queued delivery: its job, attempts so far, last error and current lease. */
  deliveryJob (id: string): string
  /** The ids of the queued deliveries, each scored by when it is next due (ms since the epoch) or its lease ends. */
  deliveriesDue: string
  /** The newest deliveries given up on, newest first. */
  deadLetters: string
  /** A WebAuthn challenge waiting for its ceremony's answer. */
  webauthnChallenge (challengeHash: string): string
  /** A single-use token mailed to an account's owner (email verification, password reset), by purpose and hash. */
  accountToken (purpose: string, tokenHash: string): string
  /** Namespace of @fastify/rate-limit's counters (it appends its own key and sets their TTL). */
  rateLimit (name: string): string
}

export function redisKeys (prefix: string): RedisKeys {
  return {
    accessToken: (tokenHash) => `${prefix}at:${tokenHash}`,
    failures: (key) => `${prefix}fail:${key}`,
    knownAddress: (usernameKey, address) => `${prefix}known:${usernameKey}/${address}`,
    usedAssertion: (clientId, jtiHash) => `${prefix}assertion:${clientId}:${jtiHash}`,
    revocations: `${prefix}revocations`,
    authorizationCode: (codeHash) => `${prefix}code:${codeHash}`,
    refreshToken: (tokenHash) => `${prefix}rt:${tokenHash}`,
    grantTokens: (grantId) => `${prefix}grant:${grantId}:tokens`,
    grantRevoked: (grantId) => `${prefix}grant:${grantId}:revoked`,
    userGrants: (userId) => `${prefix}user:${userId}:grants`,
    clientGrants: (clientId) => `${prefix}client:${clientId}:tokens`,
    clientClosed: (clientId) => `${prefix}client:${clientId}:closed`,
    session: (sessionHash) => `${prefix}session:${sessionHash}`,
    userSessions: (userId) => `${prefix}user:${userId}:sessions`,
    sessionParticipants: (sid) => `${prefix}sid:${sid}`,
    pushedRequest: (requestHash) => `${prefix}par:${requestHash}`,
    pendingAuthorization: (requestHash) => `${prefix}pending:${requestHash}`,
    deliveryJob: (id) => `${prefix}delivery:job:${id}`,
    deliveriesDue: `${prefix}delivery:due`,
    deadLetters: `${prefix}delivery:dead`,
    webauthnChallenge: (challengeHash) => `${prefix}webauthn:${challengeHash}`,
    accountToken: (purpose, tokenHash) => `${prefix}account-token:${purpose}:${tokenHash}`,
    rateLimit: (name) => `${prefix}rl:${name}:`
  }
}

