// Builds the stores the protocol uses from the Postgres and Redis connections.
import fp from 'fastify-plugin'
import { deriveKey } from '../crypto/hash.js'
import { cachedClientStore } from '../storage/cached-clients.js'
import { pgClientStore } from '../storage/pg/clients.js'
import { pgConsentStore } from '../storage/pg/consents.js'
import { pgSigningKeyStore } from '../storage/pg/signing-keys.js'
import { pgUserStore } from '../storage/pg/users.js'
import { redisAccessTokenStore } from '../storage/redis/access-tokens.js'
import { redisAuthorizationCodeStore } from '../storage/redis/authorization-codes.js'
import { redisFailureCounter } from '../storage/redis/failure-counter.js'
import { redisKeys } from '../storage/redis/keys.js'
import { redisPushedRequestStore } from '../storage/redis/pushed-requests.js'
import { redisRefreshTokenStore } from '../storage/redis/refresh-tokens.js'
import { redisSessionStore } from '../storage/redis/sessions.js'
import { redisUserGrantIndex } from '../storage/redis/user-grants.js'
import type { Stores } from '../storage/types.js'

declare module 'fastify' {
  interface FastifyInstance {
    stores: Stores
  }
}

export default fp(async (app, opts: { redisPrefix: string, secret: string }) => {
  const keys = redisKeys(opts.redisPrefix)
  app.decorate('stores', {
    clients: cachedClientStore(pgClientStore(app.db)),
    signingKeys: pgSigningKeyStore(app.db, deriveKey(opts.secret, 'signing-key-sealing')),
    accessTokens: redisAccessTokenStore(app.redis, keys),
    failures: redisFailureCounter(app.redis, keys),
    users: pgUserStore(app.db),
    consents: pgConsentStore(app.db),
    authorizationCodes: redisAuthorizationCodeStore(app.redis, keys),
    refreshTokens: redisRefreshTokenStore(app.redis, keys),
    userGrants: redisUserGrantIndex(app.redis, keys),
    sessions: redisSessionStore(app.redis, keys),
    pushedRequests: redisPushedRequestStore(app.redis, keys)
  })
}, { name: 'stores', dependencies: ['postgres', 'redis'] })
