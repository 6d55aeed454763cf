// Documents any page may read, from any origin and without credentials: discovery and the signing keys hold nothing a
// page should not see, and browser apps fetch them to find the endpoints and check id_tokens.
import type { FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import { answerPreflights } from './preflight.js'

/** `config.cors` of a public document's GET route: `Access-Control-Allow-Origin: *`. */
export const READABLE_ANYWHERE: FastifyCorsOptions = { origin: '*' }

/** Preflights at a public document's URL, from any origin, for GET with any request headers. */
export function publicDocumentPreflights (app: FastifyInstance, url: string): void {
  answerPreflights(app, url, { allows: () => true, methods: ['GET'], anyOrigin: true })
}
