// The second step of a sign-in, whatever the factor: which kinds a user has, and checking one under the sign-in
// limits. Each kind is declared once in FACTORS, with the RFC 8176 methods it adds to the password's `pwd`.
//
// amr after a password and a second factor (RFC 8176), always with `mfa`, and acr MULTI_FACTOR_ACR ('2'):
//   totp           ['pwd', 'otp', 'mfa']  a code from an authenticator app (RFC 6238 is RFC 8176's own example of otp)
//   recovery-code  ['pwd', 'otp', 'mfa']  a look-up secret (NIST SP 800-63B §5.1.2) is a one-time password too; `kba`
//                                         means questions whose answers a person knows, which these codes are not
import type { FastifyInstance } from 'fastify'
import { TooManyAttempts } from '../errors.js'
import { MULTI_FACTOR_ACR } from '../oauth/id-tokens.js'
import type { User } from '../storage/types.js'
import { recoveryCodesLeft, useRecoveryCode } from './recovery-codes.js'
import { checkTotp, hasTotp } from './totp.js'

export type SecondFactorKind = 'totp' | 'recovery-code'

interface SecondFactor {
  /** Whether the user has this factor. */
  has (app: FastifyInstance, user: User): Promise<boolean>
  /** Whether `input` (what the form or the browser sent) proves it; single-use factors are used up here. */
  verify (app: FastifyInstance, user: User, input: string): Promise<boolean>
  /** What it adds to `pwd` in amr. */
  amr: string[]
  /** A backup counts only beside another kind: recovery codes alone are no factor to set up or require. */
  backup?: boolean
}

const FACTORS: Record<SecondFactorKind, SecondFactor> = {
  totp: { has: hasTotp, verify: (app, user, input) => checkTotp(app, user, input), amr: ['otp'] },
  'recovery-code': { has: async (app, user) => await recoveryCodesLeft(app, user) > 0, verify: useRecoveryCode, amr: ['otp'], backup: true }
}

/** How a sign-in with two factors was made, for startSession. */
export interface TwoFactorMethods { amr: string[], acr: string }

export const isSecondFactorKind = (value: string): value is SecondFactorKind => Object.hasOwn(FACTORS, value)

/** The kinds the user may complete a sign-in with, in FACTORS' order; none when they have no second factor. */
export async function secondFactorsOf (app: FastifyInstance, user: User): Promise<SecondFactorKind[]> {
  const kinds = Object.keys(FACTORS) as SecondFactorKind[]
  const held = await Promise.all(kinds.map((kind) => FACTORS[kind].has(app, user)))
  const present = kinds.filter((_, index) => held[index])
  return present.some((kind) => FACTORS[kind].backup !== true) ? present : []
}

const failureKey = (user: User): string => `second-factor:user:${user.id}`

/**
 * Checks a second factor of the user's: the methods of the sign-in it completes, or undefined when it fails. Every
 * attempt, of every kind, takes a place under SECOND_FACTOR_MAX_FAILURES per user before it is checked (so parallel
 * guesses cannot run past it), and a right one gives it back; TooManyAttempts once the limit is full.
 */
export async function verifySecondFactor (
  app: FastifyInstance, user: User, kind: SecondFactorKind, input: string
): Promise<TwoFactorMethods | undefined> {
  const { failures } = app.stores
  const key = failureKey(user)
  const { allowed, resetsIn } = await failures.reserve(key, app.config.secondFactor.maxFailures, app.config.login.failureWindow)
  if (!allowed) throw new TooManyAttempts(resetsIn || app.config.login.failureWindow)
  const factor = FACTORS[kind]
  const verified = await (async () => (await factor.has(app, user)) && await factor.verify(app, user, input))()
    .catch(async (error: unknown) => {
      // An outage is no wrong code: it counts against no one.
      await failures.forgive(key).catch(() => {})
      throw error
    })
  if (!verified) return undefined
  await failures.forgive(key)
  return { amr: ['pwd', ...factor.amr, 'mfa'], acr: MULTI_FACTOR_ACR }
}

/** Whether the user has used up every attempt the limit allows: their pending sign-in ends. */
export async function secondFactorAttemptsExhausted (app: FastifyInstance, user: User): Promise<boolean> {
  const { failures } = await app.stores.failures.current(failureKey(user))
  return failures >= app.config.secondFactor.maxFailures
}
