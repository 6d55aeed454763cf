// Tokens a client holds for itself, and ending everything a client holds when it is deleted.
import type { FastifyInstance } from 'fastify'
import { grantLifetime, issueAccessToken, type IssuedAccessToken } from './access-tokens.js'
import type { TokenTarget } from './targets.js'
import { revokeGrant } from './user-grants.js'

/**
 * A client_credentials access token. It joins no index (a busy client would make one of millions of entries):
 * it lives while its client does, since accepting a token looks its client up.
 */
export function issueClientAccessToken (app: FastifyInstance, clientId: string, { scopes, audience, lifetime }: TokenTarget): Promise<IssuedAccessToken> {
  return issueAccessToken(app, { subject: clientId, clientId, scopes, audience, lifetime })
}

/**
 * Deletes the client and ends what it holds: its users' grants (refresh and access tokens) first, announced one by
 * one, then its record, with which its own tokens die; then caches of answers elsewhere are told. Should the
 * deletion fail midway, the client stays closed to new grants, and deleting again completes it.
 */
export async function deleteClient (app: FastifyInstance, clientId: string): Promise<boolean> {
  const grants = await app.stores.clientGrants.close(clientId, grantLifetime(app))
  await Promise.all(grants.map((grantId) => revokeGrant(app, grantId)))
  if (!(await app.stores.clients.delete(clientId))) return false
  await app.stores.accessTokens.announceClientEnded(clientId)
  return true
}
