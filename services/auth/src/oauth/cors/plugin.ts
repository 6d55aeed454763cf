// CORS through @fastify/cors for the routes registered beside it, off unless a route opts in with `config.cors`. The
// library answers preflights in its onRequest hook, before anything could refuse them for lacking credentials, and
// writes the headers as the Fetch standard has them. It also takes every OPTIONS request (`OPTIONS *`): where no route
// opts in, that route answers the 404 every OPTIONS request got before.
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How @fastify/cors answers at this route (see public-documents.ts, preflight.ts); without it, not at all. */
    cors?: FastifyCorsOptions
  }
}

export default fp(async (app) => {
  // Never credentials: nothing a page on another origin calls reads a cookie, and tokens are sent explicitly.
  // Not strict: an OPTIONS request from an allowed origin is answered as a preflight rather than with a plain-text 400.
  await app.register(fastifyCors, { origin: false, credentials: false, strictPreflight: false })
}, { name: 'browser-cors' })
