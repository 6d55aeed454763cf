// What follows a browser session's end. When the user signs out (or an administrator ends the session), the grants
// started from it end too, unless they hold offline_access (OpenID Connect Core §11); whatever ended it, each client
// that took part is sent a logout token.
import type { FastifyInstance } from 'fastify'
import type { EndedSession } from '../../storage/types.js'
import { revokeGrant } from '../user-grants.js'
import { announceLogout } from './logout-token.js'

export async function sessionsEnded (app: FastifyInstance, ended: readonly EndedSession[], { signedOut }: { signedOut: boolean }): Promise<void> {
  await Promise.all(ended.map(async ({ record, clients, grants }) => {
    if (signedOut) await Promise.all(grants.filter((grant) => !grant.offline).map((grant) => revokeGrant(app, grant.grantId)))
    await announceLogout(app, record, clients)
  }))
}
