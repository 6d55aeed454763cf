// The grant an exchanged token joins, so that it ends with the authorization it came from: the subject token's grant
// (a user's), or, for a client's own token, a grant started for the exchange and held under that client, which
// deleting the client ends.
import type { FastifyInstance } from 'fastify'
import { randomToken } from '../../crypto/hash.js'
import { InvalidRequest } from '../../errors.js'
import type { AccessTokenRecord } from '../../storage/types.js'
import { grantLifetime } from '../access-tokens.js'
import { revokeGrant } from '../user-grants.js'

export async function subjectGrant (app: FastifyInstance, subject: AccessTokenRecord): Promise<string> {
  if (subject.grantId !== undefined) return subject.grantId
  const { sub, client_id: clientId } = subject.claims
  // A user's token recorded before tokens named their grant: nothing would end what it is exchanged for.
  if (sub !== clientId) throw new InvalidRequest('the subject token is too old to be exchanged; obtain a new one')
  const grantId = randomToken(16)
  // The client was deleted meanwhile: the grant is born ended, and the token issued into it with it.
  if (!(await app.stores.clientGrants.add(clientId, grantId, grantLifetime(app)))) await revokeGrant(app, grantId)
  return grantId
}
