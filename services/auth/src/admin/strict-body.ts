// Refuses a JSON body with properties its schema does not name: for the admin API, where a misspelt setting
// silently dropped would leave a client trusted differently than its administrator believes.
import type { preValidationAsyncHookHandler } from 'fastify'
import type { TObject } from 'typebox'
import { InvalidRequest } from '../errors.js'

export function refuseUnknownProperties (schema: TObject, api = 'the client API'): preValidationAsyncHookHandler {
  const known = new Set(Object.keys(schema.properties))
  return async (request) => {
    const body = request.body
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return
    // The name is not echoed: error descriptions never carry request input.
    if (Object.keys(body).some((name) => !known.has(name))) throw new InvalidRequest(`the body has a property ${api} does not know`)
  }
}
