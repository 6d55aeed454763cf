// Preflights for the endpoints browser apps call as a client: answered for any origin some client registered, since
// no client is known before the real request; that request then decides whether the page may read its answer
// (caller-origin.ts). Registered apart from the endpoints, which make every answer uncacheable: OPTIONS is left as it was.
import type { FastifyInstance } from 'fastify'
import { answerPreflights } from './preflight.js'

/** Each endpoint with the methods it takes. */
const CLIENT_ENDPOINTS: Record<string, string[]> = {
  '/token': ['POST'],
  '/revoke': ['POST'],
  '/userinfo': ['GET', 'POST']
}

// Beyond the safelisted headers a page sends a bearer token or Basic credentials, and a content type. DPoP is not taken yet.
const REQUEST_HEADERS = ['authorization', 'content-type']

export default async function clientEndpointPreflights (app: FastifyInstance): Promise<void> {
  const allows = (origin: string) => app.stores.clients.registersWebOrigin(origin)
  for (const [url, methods] of Object.entries(CLIENT_ENDPOINTS)) {
    answerPreflights(app, url, { allows, methods, headers: REQUEST_HEADERS })
  }
}
