// The revocation notices this instance hears, for its revocation streams: from its Redis channel on a connection of
// their own, or, without Redis, as the in-memory access-token store announces them.
import fp from 'fastify-plugin'
import { inProcessNotices, type RevocationChannel } from '../storage/memory/index.js'
import { redisKeys } from '../storage/redis/keys.js'
import { redisRevocationNotices } from '../storage/redis/revocation-notices.js'
import type { RevocationNotices } from '../storage/types.js'

declare module 'fastify' {
  interface FastifyInstance {
    revocationNotices: RevocationNotices
  }
}

export interface RevocationNoticesOptions {
  redisPrefix: string
  /** Without Redis, where the in-memory access-token store announces. */
  announced: Pick<RevocationChannel, 'subscribe'>
}

export default fp(async (app, opts: RevocationNoticesOptions) => {
  if (!app.redis) {
    app.decorate('revocationNotices', inProcessNotices(opts.announced))
    return
  }
  const channel = redisKeys(opts.redisPrefix).revocations
  const subscriber = app.redis.duplicate({ connectionName: `revocation-streams:${channel}` })
  subscriber.on('error', (error) => app.log.warn({ err: error }, 'revocation channel error'))
  const notices = await redisRevocationNotices(subscriber, channel, app.log)
  app.decorate('revocationNotices', notices)
  app.addHook('onClose', () => notices.close())
}, { name: 'revocation-notices', dependencies: ['redis'] })
