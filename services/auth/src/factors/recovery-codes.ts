// Recovery codes: ten random codes shown once, kept as keyed hashes, each good for one sign-in. They are random (50
// bits each) and tried under the second-factor limits, so a fast keyed hash suffices where a password needs argon2.
import { randomInt } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { deriveKey, hmacSha256 } from '../crypto/hash.js'
import type { User } from '../storage/types.js'

export const RECOVERY_CODE_COUNT = 10
// Crockford's base32: no I, L, O or U to misread.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const GROUP = 5
/** As typed: letters and digits in either case, with spaces or dashes anywhere; longer input is no code. */
const MAX_INPUT = 40

const hashKey = (app: FastifyInstance): Buffer => deriveKey(app.config.secret, 'recovery-code-hashing')

function newCode (): string {
  const characters = Array.from({ length: 2 * GROUP }, () => ALPHABET.charAt(randomInt(ALPHABET.length)))
  return `${characters.slice(0, GROUP).join('')}-${characters.slice(GROUP).join('')}`
}

/** The code as it was issued, whatever case and separators it was typed with; undefined when it cannot be one. */
function normalised (input: string): string | undefined {
  if (input.length > MAX_INPUT) return undefined
  const plain = input.toLowerCase().replace(/[\s-]/g, '')
  return new RegExp(`^[${ALPHABET}]{${2 * GROUP}}$`).test(plain) ? plain : undefined
}

const hashOf = (app: FastifyInstance, plain: string): string => hmacSha256(hashKey(app), plain)

/** New codes for the user, replacing every code they had; the only time the codes are seen. */
export async function regenerateRecoveryCodes (app: FastifyInstance, user: User): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode)
  await app.stores.secondFactors.replaceRecoveryCodes(user.id, codes.map((code) => hashOf(app, code.replace('-', ''))))
  return codes
}

/** Uses up the code if it is one of the user's unused codes; of concurrent uses of one code, one is true. */
export async function useRecoveryCode (app: FastifyInstance, user: User, input: string): Promise<boolean> {
  const plain = normalised(input)
  return plain !== undefined && app.stores.secondFactors.useRecoveryCode(user.id, hashOf(app, plain))
}

export const recoveryCodesLeft = (app: FastifyInstance, user: User): Promise<number> =>
  app.stores.secondFactors.recoveryCodesLeft(user.id)
