// The grant an exchanged token joins, so that it ends with the authorization it came from: the subject token's grant
// (a user's), or, for a client's own token, a grant named after that token and held under its client, which deleting
// the client ends. Every exchange of one client token shares that grant: a busy client, reusing its token as it
// should, adds one entry to its client's index per token, not one per exchange.
import type { FastifyInstance } from 'fastify'
import { InvalidRequest } from '../../errors.js'
import type { AccessTokenRecord } from '../../storage/types.js'
import { revokeGrant } from '../user-grants.js'

export async function subjectGrant (app: FastifyInstance, subject: AccessTokenRecord): Promise<string> {
  if (subject.grantId !== undefined) return subject.grantId
  const { sub, client_id: clientId, jti } = subject.claims
  // A user's token recorded before tokens named their grant: nothing would end what it is exchanged for.
  if (sub !== clientId) throw new InvalidRequest('the subject token is too old to be exchanged; obtain a new one')
  const grantId = `token:${jti}`
  // Exchanged tokens never outlive ACCESS_TOKEN_TTL, and the entry need not either. Should the client have been deleted
  // meanwhile, the grant is born ended, and the token issued into it with it.
  if (!(await app.stores.clientGrants.add(clientId, grantId, app.config.accessTokenTtl))) await revokeGrant(app, grantId)
  return grantId
}
