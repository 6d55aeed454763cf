// The authorization request between /authorize and the user's answer. It stays on the server, bound to the browser
// that started it; the sign-in and consent pages carry only its opaque id, so no page can be made to answer another.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuthorizeQuery } from '@keyhold/contracts'
import { randomToken, sha256 } from '../crypto/hash.js'
import { OAuthError } from '../oauth/errors.js'
import type { PendingAuthorizationRecord } from '../storage/types.js'
import { cookieOptions, signedIdHash } from './session.js'

const BROWSER_COOKIE = 'keyhold_browser'

/** The /authorize query as the schema checked it: for a pushed request, only its client_id and request_uri. */
export type PendingQuery = AuthorizeQuery

/** Shown for an id that is unknown, expired, already answered, or held for another browser: all look alike. */
export class NoSuchAuthorization extends OAuthError {
  constructor () {
    super(400, 'invalid_request', 'This sign-in request has expired or was started in another browser. Go back to the application and start again.')
  }
}

/** Time enough to sign in and decide; after it the user starts again from the application. */
export const PENDING_AUTHORIZATION_TTL = 600

const browserOf = (request: FastifyRequest): string | undefined => signedIdHash(request, BROWSER_COOKIE)

function browserOrNew (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): string {
  const known = browserOf(request)
  if (known !== undefined) return known
  const id = randomToken(32)
  reply.setCookie(BROWSER_COOKIE, id, cookieOptions(app))
  return sha256(id)
}

/** Keeps the request for this browser; returns the id its pages carry. */
export async function holdAuthorization (
  app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, query: PendingQuery
): Promise<string> {
  const id = randomToken(32)
  const record: PendingAuthorizationRecord = { browser: browserOrNew(app, request, reply), query: stringsOf(query) }
  await app.stores.pendingAuthorizations.save(sha256(id), record, PENDING_AUTHORIZATION_TTL)
  return id
}

const stringsOf = (query: PendingQuery): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))

/** The request `id` names, if it is still pending and this browser started it. */
export async function findAuthorization (app: FastifyInstance, request: FastifyRequest, id: string): Promise<PendingAuthorizationRecord | undefined> {
  const record = await app.stores.pendingAuthorizations.find(sha256(id))
  return record !== undefined && record.browser === browserOf(request) ? record : undefined
}

/** Like findAuthorization, and ends the request: of concurrent answers to it, only one gets it. */
export async function takeAuthorization (app: FastifyInstance, request: FastifyRequest, id: string): Promise<PendingAuthorizationRecord | undefined> {
  if (await findAuthorization(app, request, id) === undefined) return undefined
  return app.stores.pendingAuthorizations.take(sha256(id))
}
