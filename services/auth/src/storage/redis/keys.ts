// The only place Redis key names are built. Every key written under them carries a TTL.
export interface RedisKeys {
  accessToken (tokenHash: string): string
  failures (key: string): string
  /** Pub/sub channel on which the jti of every revoked access token is announced. */
  revocations: string
}

export function redisKeys (prefix: string): RedisKeys {
  return {
    accessToken: (tokenHash) => `${prefix}at:${tokenHash}`,
    failures: (key) => `${prefix}fail:${key}`,
    revocations: `${prefix}revocations`
  }
}
