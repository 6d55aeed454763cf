// The answers of a failed bearer-token check (RFC 6750 §3): status, error code and description, and the
// `WWW-Authenticate` challenge that names the same code. The plugin writes them itself, whatever error
// handler the application has.
import type { FastifyReply } from 'fastify'

// RFC 7235 quoted strings. Descriptions are the plugin's own and scope tokens cannot hold `"` or `\` (RFC 6749
// §3.3); a realm might.
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

/** A request the plugin refuses, and how: the body `{error, error_description}` and its headers. */
export class BearerFailure extends Error {
  readonly headers: Record<string, string> = {}

  constructor (readonly statusCode: number, readonly error: string, readonly description: string) {
    super(description)
    this.name = error
  }

  withHeader (name: string, value: string): this {
    this.headers[name] = value
    return this
  }
}

/** No token at all: RFC 6750 §3.1 asks for a bare challenge, with no error code in it. */
export const tokenRequired = (realm: string, description = 'a bearer access token is required') =>
  new BearerFailure(401, 'unauthorized', description).withHeader('www-authenticate', bearerChallenge({ realm }))

const challenged = (realm: string, status: number, error: string, description: string, scope?: string) =>
  new BearerFailure(status, error, description)
    .withHeader('www-authenticate', bearerChallenge({ realm, error, description, ...(scope !== undefined && { scope }) }))

export const malformedRequest = (realm: string, description: string) => challenged(realm, 400, 'invalid_request', description)
export const invalidToken = (realm: string, description: string) => challenged(realm, 401, 'invalid_token', description)
export const insufficientScope = (realm: string, scopes: readonly string[]) => challenged(
  realm, 403, 'insufficient_scope',
  `this request needs the scope${scopes.length > 1 ? 's' : ''} ${scopes.map((scope) => `'${scope}'`).join(', ')}`,
  scopes.join(' ')
)

/** The identity service gave no clear answer: never "valid", and worth trying again soon. */
export const identityUnavailable = () =>
  new BearerFailure(503, 'temporarily_unavailable', 'the identity service cannot validate the access token right now')
    .withHeader('retry-after', '5')

export function sendFailure (reply: FastifyReply, failure: BearerFailure): FastifyReply {
  return reply.code(failure.statusCode).headers(failure.headers).header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: failure.error, error_description: failure.description })
}
