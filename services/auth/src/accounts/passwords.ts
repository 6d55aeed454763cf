// Password hashing: argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane).
import { argon2id, hash, needsRehash, verify } from 'argon2'

const PARAMETERS = { type: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(password, PARAMETERS)

let decoy: Promise<string> | undefined

/**
 * Whether the password matches; with no stored hash it checks against a decoy,
 * so that an unknown username costs as much time as a wrong password.
 */
export async function passwordMatches (passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    decoy ??= hashPassword('decoy password that matches nothing')
    await verify(await decoy, password)
    return false
  }
  return verify(passwordHash, password)
}

export const hashIsOutdated = (passwordHash: string): boolean => needsRehash(passwordHash, PARAMETERS)
