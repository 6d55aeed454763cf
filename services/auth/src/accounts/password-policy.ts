// Which passwords may be set (NIST SP 800-63B-4 §3.1.1.2): long enough, not common, any characters, no composition rules.
import { InvalidRequest } from '../errors.js'

/** While a password is the only factor. */
export const MIN_PASSWORD_LENGTH = 15
export const MAX_PASSWORD_LENGTH = 256

/** The form a password is hashed and verified in, so that one typed on another keyboard or system still matches. */
export const normalizePassword = (password: string): string => password.normalize('NFKC')

const comparable = (password: string) => normalizePassword(password).toLowerCase()

let blocklist: Promise<Set<string>> | undefined

/** Common and breached passwords (zxcvbn-ts's list, ~50,000 entries), loaded on first use. */
function commonPasswords (): Promise<Set<string>> {
  blocklist ??= import('@zxcvbn-ts/language-common')
    .then(({ dictionary }) => new Set(dictionary['passwords-common'].map(comparable)))
  return blocklist
}

/** Why the password may not be set, in words for the person choosing it; undefined when it may. */
export async function passwordProblem (password: string): Promise<string | undefined> {
  const length = [...normalizePassword(password)].length
  if (length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`
  if (length > MAX_PASSWORD_LENGTH) return `the password must have at most ${MAX_PASSWORD_LENGTH} characters`
  if ((await commonPasswords()).has(comparable(password))) return 'the password is too common: choose another'
  return undefined
}

/** Throws 400 invalid_request saying why, unless the password may be set. */
export async function requireAcceptablePassword (password: string): Promise<void> {
  const problem = await passwordProblem(password)
  if (problem !== undefined) throw new InvalidRequest(problem)
}
