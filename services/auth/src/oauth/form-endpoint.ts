// Makes an encapsulated context accept only form bodies, with OAuth's parameter rules:
// a repeated parameter is an error unless the endpoint's schema makes it a list (RFC 8693's `audience` and
// `resource`), an empty one counts as absent, responses are never cached.
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  AuthorizeQuery, ConsentForm, LoginForm, LogoutForm, PushedAuthorizationRequest, TokenReferenceRequest, TokenRequest
} from '@keyhold/contracts'
import { InvalidRequest } from '../errors.js'

export const FORM_BODY_LIMIT = 16 * 1024

/** The parameters our forms define: only these are named in an error, which never repeats a name a request made up. */
const KNOWN_PARAMETERS: ReadonlySet<string> = new Set(
  [AuthorizeQuery, ConsentForm, LoginForm, LogoutForm, PushedAuthorizationRequest, TokenReferenceRequest, TokenRequest]
    .flatMap((schema) => Object.keys(schema.properties))
)

const NONE: ReadonlySet<string> = new Set()
const repeatableBySchema = new WeakMap<object, ReadonlySet<string>>()

/** The parameters a body schema declares as lists: only these may be given more than once. */
export function repeatableIn (schema: unknown): ReadonlySet<string> {
  if (schema === null || typeof schema !== 'object') return NONE
  let repeatable = repeatableBySchema.get(schema)
  if (repeatable === undefined) {
    const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {}
    repeatable = new Set(Object.entries(properties).filter(([, property]) => property.type === 'array').map(([name]) => name))
    repeatableBySchema.set(schema, repeatable)
  }
  return repeatable
}

export function normaliseParameters (parameters: Record<string, unknown>, repeatable: ReadonlySet<string> = NONE): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (repeatable.has(name)) {
      const given = (Array.isArray(value) ? value : [value]).filter((item) => item !== '')
      if (given.length === 0) delete parameters[name]
      else parameters[name] = given
      continue
    }
    if (Array.isArray(value)) {
      throw new InvalidRequest(KNOWN_PARAMETERS.has(name) ? `parameter '${name}' is repeated` : 'a parameter is repeated')
    }
    if (value === '') delete parameters[name]
  }
}

export async function noStore (_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
}

export async function acceptFormOnly (app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers()
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT })
  app.addHook('onRequest', noStore)
  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object') {
      normaliseParameters(request.body as Record<string, unknown>, repeatableIn(request.routeOptions.schema?.body))
    }
  })
}
