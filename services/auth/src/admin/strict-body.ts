// Refuses a JSON body with properties its schema does not name, at any depth: for the admin API, where a misspelt
// setting silently dropped would leave a client or an API trusted differently than its administrator believes.
import type { preValidationAsyncHookHandler } from 'fastify'
import type { TObject, TSchema } from 'typebox'
import { InvalidRequest } from '../errors.js'

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Whether `value` has a property `schema` does not name, in itself or in the objects and lists of objects it holds. */
function hasUnknownProperty (schema: TSchema, value: unknown): boolean {
  const { properties, items, additionalProperties } = schema as { properties?: Record<string, TSchema>, items?: TSchema, additionalProperties?: unknown }
  // An object the schema leaves open (a JWK's members, say) is taken as it comes.
  if (additionalProperties === true) return false
  if (properties !== undefined && isObject(value)) {
    return Object.entries(value).some(([name, inner]) => !Object.hasOwn(properties, name) || hasUnknownProperty(properties[name]!, inner))
  }
  if (items !== undefined && Array.isArray(value)) return value.some((item) => hasUnknownProperty(items, item))
  return false
}

/** `api` names the admin API in the error: 'client API', 'API registry'. */
export function refuseUnknownProperties (schema: TObject, api: string): preValidationAsyncHookHandler {
  return async (request) => {
    // The name is not echoed: error descriptions never carry request input.
    if (isObject(request.body) && hasUnknownProperty(schema, request.body)) throw new InvalidRequest(`the body has a property the ${api} does not know`)
  }
}
