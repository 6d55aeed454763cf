// The client a request to the token, revocation or userinfo endpoint came from, once the endpoint knows it: what a
// browser app may read of the answer depends on it (see cors/caller-origin.ts), and it is worked out only once.
// Kept beside the request rather than decorated onto it: no declaration on Fastify's types for every service to share.
import type { FastifyRequest } from 'fastify'
import type { Client } from '../clients/client.js'

const callers = new WeakMap<FastifyRequest, Client>()

export function recordCaller (request: FastifyRequest, client: Client): void {
  callers.set(request, client)
}

export const callerOf = (request: FastifyRequest): Client | undefined => callers.get(request)
