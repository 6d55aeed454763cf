// What the CORS tests share: a single-page app and another client at their own origins, and the CORS headers of an answer.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import type { AdminClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { createClient } from '../helper.js'

export const SPA_ORIGIN = 'https://spa.example'
export const SPA_REDIRECT = `${SPA_ORIGIN}/cb`
export const OTHER_ORIGIN = 'https://other-client.example'

/** A public client (PKCE, no secret) whose pages run at SPA_ORIGIN. */
export const createSpa = (app: FastifyInstance, metadata: Partial<AdminClientMetadata> = {}): Promise<ClientWithSecret> => createClient(app, {
  client_name: 'spa',
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'none',
  redirect_uris: [SPA_REDIRECT],
  scope: 'openid ships:read',
  ...metadata
})

/** Another public client, at OTHER_ORIGIN. */
export const createOtherSpa = (app: FastifyInstance): Promise<ClientWithSecret> =>
  createSpa(app, { client_name: 'other', redirect_uris: [`${OTHER_ORIGIN}/callback`] })

export function preflight (app: FastifyInstance, url: string, origin: string | undefined, method = 'POST', headers?: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'OPTIONS',
    url,
    headers: {
      ...(origin !== undefined && { origin }),
      'access-control-request-method': method,
      ...(headers !== undefined && { 'access-control-request-headers': headers })
    }
  })
}

/** The answer's CORS headers (and Vary), by name. */
export function corsHeaders (response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(response.headers)
    .filter(([name]) => name.startsWith('access-control-') || name === 'vary')
    .map(([name, value]) => [name, String(value)]))
}

/** What every OPTIONS request got before CORS, and every one still gets where no preflight is answered. */
export function isPlainNotFound (t: Test, response: LightMyRequestResponse, what: string): void {
  t.equal(response.statusCode, 404, what)
  t.same(response.json(), { error: 'not_found', error_description: 'no route for this method and path' }, `${what}: body`)
  const { date, ...headers } = response.headers
  t.same(Object.keys(headers).sort(), ['connection', 'content-length', 'content-type'], `${what}: no other header`)
}
