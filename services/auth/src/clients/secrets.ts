// Client secrets: 256-bit random values, shown once, stored as an HMAC-SHA-256 under a server key. Registration access
// tokens (RFC 7592) are made and kept the same way, under a key of their own.
import { hmacSha256, randomToken, safeEqual } from '../crypto/hash.js'

export interface ClientSecrets {
  issue (): { secret: string, hash: string }
  matches (secret: string, hash: string): boolean
}

export function clientSecrets (key: Buffer): ClientSecrets {
  return {
    issue () {
      const secret = randomToken(32)
      return { secret, hash: hmacSha256(key, secret) }
    },
    matches: (secret, hash) => safeEqual(hmacSha256(key, secret), hash)
  }
}
