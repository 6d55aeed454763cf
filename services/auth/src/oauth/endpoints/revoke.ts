// POST /revoke (RFC 7009): 200 whatever the token; only the client it was issued to can revoke it.
// Revoking a refresh token ends its whole grant, access tokens included (§2.1).
import type { FastifyInstance } from 'fastify'
import { RevocationRequest, errorResponses } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'
import { sha256 } from '../../crypto/hash.js'
import { authenticateClient } from '../client-authentication.js'
import { revokeGrant } from '../user-grants.js'

async function revokeAccessToken (app: FastifyInstance, client: Client, tokenHash: string): Promise<boolean> {
  const record = await app.stores.accessTokens.find(tokenHash)
  if (record?.claims.client_id === client.id) await app.stores.accessTokens.revoke(tokenHash)
  return record !== undefined
}

async function revokeRefreshToken (app: FastifyInstance, client: Client, tokenHash: string): Promise<boolean> {
  const record = await app.stores.refreshTokens.find(tokenHash)
  if (record?.clientId === client.id) await revokeGrant(app, record.grantId)
  return record !== undefined
}

export default async function revocationEndpoint (app: FastifyInstance): Promise<void> {
  app.post<{ Body: RevocationRequest }>('/revoke', {
    schema: { body: RevocationRequest, response: errorResponses }
  }, async (request, reply) => {
    const client = await authenticateClient(app, request, { allowPublic: true })
    const tokenHash = sha256(request.body.token)
    // The hint only decides which kind is tried first (RFC 7009 §2.1).
    const kinds = request.body.token_type_hint === 'refresh_token'
      ? [revokeRefreshToken, revokeAccessToken]
      : [revokeAccessToken, revokeRefreshToken]
    for (const revoke of kinds) {
      if (await revoke(app, client, tokenHash)) break
    }
    return reply.code(200).send()
  })
}
