// Authorization requests held between /authorize and the user's answer. Checked once, they stay on the server, bound
// to the browser that started them; the sign-in and consent pages carry only an opaque id, so no page can be made
// to answer another browser's request.
import type { FastifyInstance } from 'fastify'
import { randomToken, sha256 } from '../../crypto/hash.js'
import { NoSuchAuthorization } from '../../errors.js'
import type { PendingAuthorizationRecord } from '../../storage/types.js'
import type { AuthorizationRequest } from './request.js'

/** Time enough to sign in and decide; after it the user starts again from the application. */
export const HELD_AUTHORIZATION_TTL = 600

/** Holds the request for `browser` (the hash of its id); returns the id its pages carry. */
export async function holdAuthorization (app: FastifyInstance, authorization: AuthorizationRequest, browser: string): Promise<string> {
  const id = randomToken(32)
  const { client, ...request } = authorization
  await app.stores.pendingAuthorizations.save(sha256(id), { browser, request: { ...request, clientId: client.id } }, HELD_AUTHORIZATION_TTL)
  return id
}

async function resumed (app: FastifyInstance, record: PendingAuthorizationRecord | undefined, browser: string | undefined): Promise<AuthorizationRequest> {
  if (record === undefined || browser === undefined || record.browser !== browser) throw new NoSuchAuthorization()
  const { clientId, ...request } = record.request
  // The client may have been deleted while the user signed in.
  const client = await app.stores.clients.find(clientId)
  if (!client) throw new NoSuchAuthorization()
  return { ...request, client }
}

/** The request held under `id` for this browser; NoSuchAuthorization when there is none. */
export async function heldAuthorization (app: FastifyInstance, id: string, browser: string | undefined): Promise<AuthorizationRequest> {
  return resumed(app, await app.stores.pendingAuthorizations.find(sha256(id)), browser)
}

/** Like heldAuthorization, and ends the hold: of concurrent answers to one request, only one gets it. */
export async function takeAuthorization (app: FastifyInstance, id: string, browser: string | undefined): Promise<AuthorizationRequest> {
  await heldAuthorization(app, id, browser)
  return resumed(app, await app.stores.pendingAuthorizations.take(sha256(id)), browser)
}
