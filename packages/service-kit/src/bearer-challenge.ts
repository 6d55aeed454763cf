// RFC 6750 §3 challenges: the one writer of `WWW-Authenticate: Bearer` for every service, its values as
// RFC 7235 quoted strings, and the errors that carry them.
import { OAuthError } from './http-error.js'

const quoted = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`

export interface Challenge {
  realm: string
  error?: string
  description?: string
  scope?: string
}

export function bearerChallenge ({ realm, error, description, scope }: Challenge): string {
  const parameters = Object.entries({ realm, error, error_description: description, scope })
    .filter((parameter): parameter is [string, string] => parameter[1] !== undefined)
    .map(([name, value]) => `${name}=${quoted(value)}`)
  return `Bearer ${parameters.join(', ')}`
}

/** A failed bearer-token check: the same error code in the body and in the challenge. */
export class BearerError extends OAuthError {
  constructor (realm: string, status: number, error: string, description: string, scope?: string) {
    super(status, error, description)
    this.withHeader('www-authenticate', bearerChallenge({ realm, error, description: this.description!, ...(scope !== undefined && { scope }) }))
  }
}

/** No credentials at all: RFC 6750 §3.1 asks for a bare challenge, with no error code in it. */
export class BearerRequired extends OAuthError {
  constructor (realm: string, description = 'a bearer access token is required') {
    super(401, 'unauthorized', description)
    this.withHeader('www-authenticate', bearerChallenge({ realm }))
  }
}
