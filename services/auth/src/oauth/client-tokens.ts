// Tokens a client holds for itself, and ending everything a client holds when it is deleted.
import type { FastifyInstance } from 'fastify'
import { issueAccessToken, type IssuedAccessToken } from './access-tokens.js'
import { grantLifetime, revokeGrant } from './user-grants.js'

/** A client_credentials access token, recorded among the client's holdings (dead at once if the client was deleted). */
export function issueClientAccessToken (app: FastifyInstance, clientId: string, scopes: readonly string[]): Promise<IssuedAccessToken> {
  return issueAccessToken(app, { subject: clientId, clientId, scopes },
    (tokenHash) => app.stores.clientTokens.addAccessToken(clientId, tokenHash, app.config.accessTokenTtl))
}

/** Ends every grant (refresh and access tokens) and every own access token of the client, announcing each revocation. */
export async function revokeClientTokens (app: FastifyInstance, clientId: string): Promise<void> {
  const { grants, accessTokens } = await app.stores.clientTokens.close(clientId, grantLifetime(app))
  await Promise.all([
    ...grants.map((grantId) => revokeGrant(app, grantId)),
    ...accessTokens.map((tokenHash) => app.stores.accessTokens.revoke(tokenHash))
  ])
}
