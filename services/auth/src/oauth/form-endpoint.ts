// Makes an encapsulated context accept only form bodies, with OAuth's parameter rules:
// a repeated parameter is an error, an empty one counts as absent, responses are never cached.
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { InvalidRequest } from './errors.js'

export const FORM_BODY_LIMIT = 16 * 1024

export function normaliseParameters (parameters: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (Array.isArray(value)) throw new InvalidRequest(`parameter '${name}' is repeated`)
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
    if (request.body && typeof request.body === 'object') normaliseParameters(request.body as Record<string, unknown>)
  })
}
