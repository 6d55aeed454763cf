// CORS preflights (Fetch §3.2.2) at one URL: @fastify/cors answers those from an origin `allows` accepts, 204 with
// what the endpoint permits; any other OPTIONS request (another origin, `null`, none) gets the 404 it always got.
import type { FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

// A few minutes: a page's next requests skip the preflight, and an origin a client gives up is not allowed for long.
export const PREFLIGHT_MAX_AGE_SECONDS = 300

export interface Preflights {
  /** Whether a page at `origin` may send the request. */
  allows (origin: string): Promise<boolean> | boolean
  methods: string[]
  /** The request headers allowed; without them, whatever the page asks for (public documents only). */
  headers?: string[]
  /** Allow with `*` rather than the page's own origin: for what any page may read. */
  anyOrigin?: boolean
}

export function answerPreflights (app: FastifyInstance, url: string, { allows, methods, headers, anyOrigin = false }: Preflights): void {
  const cors: FastifyCorsOptions = {
    origin: async (origin: string | undefined) => origin !== undefined && await allows(origin) && (anyOrigin ? '*' : true),
    methods,
    ...(headers && { allowedHeaders: headers }),
    maxAge: PREFLIGHT_MAX_AGE_SECONDS
  }
  app.options(url, { config: { cors } }, async (_request, reply) => {
    // Not a preflight answered here: no trace of CORS, not even the Vary the library writes before it decides.
    reply.removeHeader('vary')
    reply.callNotFound()
    return reply
  })
}
