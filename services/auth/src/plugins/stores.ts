// Builds the stores the protocol uses from the Postgres and Redis connections.
import fp from 'fastify-plugin'
import { deriveKey } from '../crypto/hash.js'
import { pgClientStore } from '../storage/pg/clients.js'
import { pgSigningKeyStore } from '../storage/pg/signing-keys.js'
import { redisAccessTokenStore } from '../storage/redis/access-tokens.js'
import { redisFailureCounter } from '../storage/redis/failure-counter.js'
import { redisKeys } from '../storage/redis/keys.js'
import type { Stores } from '../storage/types.js'

declare module 'fastify' {
  interface FastifyInstance {
    stores: Stores
  }
}

export default fp(async (app, opts: { redisPrefix: string, secret: string }) => {
  const keys = redisKeys(opts.redisPrefix)
  app.decorate('stores', {
    clients: pgClientStore(app.db),
    signingKeys: pgSigningKeyStore(app.db, deriveKey(opts.secret, 'signing-key-sealing')),
    accessTokens: redisAccessTokenStore(app.redis, keys),
    failures: redisFailureCounter(app.redis, keys)
  })
}, { name: 'stores', dependencies: ['postgres', 'redis'] })
