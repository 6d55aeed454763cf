// Endpoints that take only POST answer any other method with 405, `Allow: POST` and an OAuth error body.
import type { FastifyInstance } from 'fastify'
import { OAuthError } from '../errors.js'

// HEAD comes with GET; OPTIONS is left to CORS, which answers preflights at /token and /revoke and 404 elsewhere.
const OTHER_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH'] as const

export class MethodNotAllowed extends OAuthError {
  constructor () {
    super(405, 'invalid_request', 'this endpoint accepts only POST')
    this.withHeader('allow', 'POST')
  }
}

export default async function postOnly (app: FastifyInstance, { urls }: { urls: readonly string[] }): Promise<void> {
  for (const url of urls) {
    app.route({ method: [...OTHER_METHODS], url, handler: async () => { throw new MethodNotAllowed() } })
  }
}
