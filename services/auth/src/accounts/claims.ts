// The standard claims a user sets (OpenID Connect Core 1.0 §5.1): the one place they are checked and normalised.
import { domainToASCII, domainToUnicode } from 'node:url'
import type { EmailAddress, UserClaimChanges, UserClaims } from '../storage/types.js'
import { InvalidRequest } from '../errors.js'

export const MAX_EMAIL_LENGTH = 254
export const MAX_NAME_LENGTH = 200

// RFC 5322 atext: printable ASCII but for specials and space. Quoted local parts and address literals are not taken.
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const ALL_DIGITS = /^[0-9]+$/

/**
 * An email address as given (surrounding spaces trimmed) and its key, or undefined when it is not a plain addr-spec:
 * a dot-atom local part of at most 64 characters, `@`, and a domain name of LDH labels with a top-level domain that is
 * not a number. Only ASCII is taken (RFC 5321), so an internationalised domain is given in its A-label (xn--) form,
 * which must be valid IDNA. The key is the address in lower case: mailboxes differing only in case are one mailbox.
 */
const decodes = (label: string): boolean => {
  if (!label.startsWith('xn--')) return true
  const decoded = domainToUnicode(label)
  return decoded !== '' && !decoded.startsWith('xn--')
}

export function normaliseEmail (input: string): EmailAddress | undefined {
  const address = input.trim()
  if (address.length > MAX_EMAIL_LENGTH) return undefined
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at)
  const domain = address.slice(at + 1).toLowerCase()
  if (at < 1 || local.length > 64 || !local.split('.').every((atom) => ATOM.test(atom))) return undefined
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every((label) => LDH_LABEL.test(label)) || ALL_DIGITS.test(labels.at(-1)!)) return undefined
  // A-labels that do not decode to a valid IDNA name would show one domain and deliver to none. Node's URL parser
  // refuses them before Node 22 and passes them through after, so each one is also decoded.
  if (domainToASCII(domain) !== domain || !labels.every(decodes)) return undefined
  return { address, key: `${local}@${domain}`.toLowerCase() }
}

// Characters that have no place in a name and can make one display as something else: controls (C0, C1, DEL), line
// and paragraph separators, lone surrogates, noncharacters, and the explicit bidirectional formatting characters
// (embeddings, overrides, isolates and marks), which reorder the text around a name where it is shown.
const NOT_IN_A_NAME = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\p{Bidi_Control}]/u

/** A name (NFC, surrounding white space trimmed) of 1 to 200 code points, or undefined when it cannot be one. */
export function normaliseName (input: string): string | undefined {
  if (NOT_IN_A_NAME.test(input)) return undefined
  const name = input.normalize('NFC').trim()
  const length = [...name].length
  return length >= 1 && length <= MAX_NAME_LENGTH ? name : undefined
}

/** The claims as a request names them: OpenID Connect's claim names, null to remove one where that is allowed. */
export interface ClaimInput {
  email?: string | null
  name?: string | null
  given_name?: string | null
  family_name?: string | null
}

function checked<T> (value: string | null | undefined, normalise: (input: string) => T | undefined, field: string): T | null | undefined {
  if (value === undefined || value === null) return value
  const normalised = normalise(value)
  if (normalised === undefined) throw new InvalidRequest(`the ${field} is not valid`)
  return normalised
}

/** The claim changes a request asks for, checked and normalised: 400 invalid_request naming the first that is not valid. */
export function claimChanges (input: ClaimInput): UserClaimChanges {
  const email = checked(input.email, normaliseEmail, 'email address')
  const name = checked(input.name, normaliseName, 'name')
  const givenName = checked(input.given_name, normaliseName, 'given_name')
  const familyName = checked(input.family_name, normaliseName, 'family_name')
  return {
    ...(email !== undefined && { email }),
    ...(name !== undefined && { name }),
    ...(givenName !== undefined && { givenName }),
    ...(familyName !== undefined && { familyName })
  }
}

/** The claims a new account starts with, checked and normalised as changes are. */
export const initialClaims = (input: { [Claim in keyof ClaimInput]?: string }): UserClaims =>
  // Without a null in the input there is none in the changes.
  claimChanges(input) as UserClaims
