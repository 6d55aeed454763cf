// Password hashing: argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), over the NFKC form of the password.
import { argon2id, hash, needsRehash, verify } from 'argon2'
import { normalizePassword } from './password-policy.js'

const PARAMETERS = { type: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(normalizePassword(password), PARAMETERS)

let decoy: Promise<string> | undefined

/** How a password compares with a stored hash; `legacy` when only its raw form, hashed before normalisation, matches. */
export type PasswordMatch = 'match' | 'legacy' | 'mismatch'

/**
 * Checks the NFKC form first, then the raw form when it differs. With no stored hash it checks against a decoy
 * the same way, so that an unknown username costs as much time as a wrong password.
 */
export async function passwordMatches (passwordHash: string | undefined, password: string): Promise<PasswordMatch> {
  decoy ??= hashPassword('decoy password that matches nothing')
  const against = passwordHash ?? await decoy
  const normalized = normalizePassword(password)
  let match: PasswordMatch = 'mismatch'
  if (await verify(against, normalized)) match = 'match'
  else if (normalized !== password && await verify(against, password)) match = 'legacy'
  return passwordHash === undefined ? 'mismatch' : match
}

export const hashIsOutdated = (passwordHash: string): boolean => needsRehash(passwordHash, PARAMETERS)
