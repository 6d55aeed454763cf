// TOTP (RFC 6238: SHA-1, six digits, 30-second steps) as authenticator apps know it: a new secret, its otpauth:// URI,
// and codes checked within one step either side, each step accepted once (the store remembers the last one).
import type { FastifyInstance } from 'fastify'
import { Secret, TOTP } from 'otpauth'
import { deriveKey } from '../crypto/hash.js'
import { open, seal } from '../crypto/sealed-box.js'
import type { User } from '../storage/types.js'

export const TOTP_PERIOD = 30
/** Steps either side of now a code may be for: clocks of phones drift, and typing a code takes time. */
export const TOTP_WINDOW = 1
const CODE = /^\d{6}$/
/** 160 bits, as RFC 4226 §4 recommends for HMAC-SHA-1. */
const SECRET_BYTES = 20

const sealingKey = (app: FastifyInstance): Buffer => deriveKey(app.config.secret, 'totp-secret-sealing')

const totpOf = (base32: string, user?: User): TOTP => new TOTP({
  issuer: 'Keyhold',
  ...(user && { label: user.username }),
  algorithm: 'SHA1',
  digits: 6,
  period: TOTP_PERIOD,
  secret: Secret.fromBase32(base32)
})

export interface NewTotpSecret {
  /** The secret in base32, for typing into an app by hand. */
  base32: string
  /** The otpauth:// URI a QR code carries. */
  uri: string
}

/** Starts an enrolment: a new secret stored sealed, unconfirmed; undefined when the user already has TOTP. */
export async function startTotpEnrolment (app: FastifyInstance, user: User): Promise<NewTotpSecret | undefined> {
  const base32 = new Secret({ size: SECRET_BYTES }).base32
  if (!(await app.stores.secondFactors.startTotp(user.id, seal(sealingKey(app), base32)))) return undefined
  return { base32, uri: totpOf(base32, user).toString() }
}

/** The secret of an enrolment still waiting for its first code, to show again. */
export async function pendingTotpEnrolment (app: FastifyInstance, user: User): Promise<NewTotpSecret | undefined> {
  const factor = await app.stores.secondFactors.totp(user.id)
  if (!factor || factor.confirmed) return undefined
  const base32 = open(sealingKey(app), factor.sealedSecret)
  return { base32, uri: totpOf(base32, user).toString() }
}

/**
 * Whether `code` is the user's code for a step within the window that no code was accepted for before (and no later
 * one was); accepting it remembers the step. With `confirming`, the code confirms an enrolment instead.
 */
export async function checkTotp (app: FastifyInstance, user: User, code: string, { confirming = false, now = Date.now() } = {}): Promise<boolean> {
  const trimmed = code.replace(/\s/g, '')
  if (!CODE.test(trimmed)) return false
  const factor = await app.stores.secondFactors.totp(user.id)
  if (!factor || factor.confirmed === confirming) return false
  const totp = totpOf(open(sealingKey(app), factor.sealedSecret))
  const delta = totp.validate({ token: trimmed, timestamp: now, window: TOTP_WINDOW })
  if (delta === null) return false
  const step = Math.floor(now / 1000 / TOTP_PERIOD) + delta
  return app.stores.secondFactors.acceptTotpStep(user.id, step, { confirming })
}

export async function hasTotp (app: FastifyInstance, user: User): Promise<boolean> {
  return (await app.stores.secondFactors.totp(user.id))?.confirmed === true
}
