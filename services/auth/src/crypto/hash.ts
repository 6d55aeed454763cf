// Hashes for values we store by digest, and keys derived from the service's root secret.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

export function sha256 (value: string): string {
  return createHash('sha256').update(value).digest('base64url')
}

export function hmacSha256 (key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url')
}

/** Constant-time equality of two strings of any length. */
export function safeEqual (a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest()
  const right = createHash('sha256').update(b).digest()
  return timingSafeEqual(left, right)
}

export function deriveKey (secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'keyhold', purpose, 32))
}

/** A random URL-safe value with the given number of bytes of entropy. */
export function randomToken (bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}
