// The syntax of an OAuth scope string (RFC 6749 §3.3): space-separated tokens of visible ASCII.
import Type from 'typebox'

export const SCOPE_TOKEN = '[\\x21\\x23-\\x5B\\x5D-\\x7E]+'
export const ScopeString = Type.String({ pattern: `^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$`, maxLength: 2000 })
