// Builds the stores the protocol uses from the Postgres and Redis connections (without Redis, from memory).
import type { Redis } from 'ioredis'
import fp from 'fastify-plugin'
import { deriveKey } from '../crypto/hash.js'
import { cachedClientStore } from '../storage/cached-clients.js'
import { memoryStores, type RevocationChannel } from '../storage/memory/index.js'
import { pgApiStore } from '../storage/pg/apis.js'
import { pgClientStore } from '../storage/pg/clients.js'
import { pgConsentStore } from '../storage/pg/consents.js'
import { pgExchangePolicyStore } from '../storage/pg/exchange-policies.js'
import { pgPasskeyStore } from '../storage/pg/passkeys.js'
import { pgSecondFactorStore } from '../storage/pg/second-factors.js'
import { pgSigningKeyStore } from '../storage/pg/signing-keys.js'
import { pgUserStore } from '../storage/pg/users.js'
import { redisAccessTokenStore } from '../storage/redis/access-tokens.js'
import { redisAccountTokenStore } from '../storage/redis/account-tokens.js'
import { redisAuthorizationCodeStore } from '../storage/redis/authorization-codes.js'
import { redisClientGrantIndex } from '../storage/redis/client-grants.js'
import { redisDeliveryQueue } from '../storage/redis/delivery-queue.js'
import { redisFailureCounter } from '../storage/redis/failure-counter.js'
import { redisKeys, type RedisKeys } from '../storage/redis/keys.js'
import { redisKnownAddressStore } from '../storage/redis/known-addresses.js'
import { redisPendingAuthorizationStore } from '../storage/redis/pending-authorizations.js'
import { redisPushedRequestStore } from '../storage/redis/pushed-requests.js'
import { redisRefreshTokenStore } from '../storage/redis/refresh-tokens.js'
import { redisSessionStore } from '../storage/redis/sessions.js'
import { redisUsedAssertionStore } from '../storage/redis/used-assertions.js'
import { redisUserGrantIndex } from '../storage/redis/user-grants.js'
import { redisWebAuthnChallengeStore } from '../storage/redis/webauthn-challenges.js'
import type { ShortLivedStores, Stores } from '../storage/types.js'

declare module 'fastify' {
  interface FastifyInstance {
    stores: Stores
  }
}

export interface StoresOptions {
  redisPrefix: string
  secret: string
  /** Where the in-memory access-token store announces revocations (Redis stores use their channel); by default nowhere. */
  revocations?: Pick<RevocationChannel, 'announce'> | undefined
  /** Without Redis, the most entries each in-memory store holds. */
  memoryCapacity?: number | undefined
}

export default fp(async (app, opts: StoresOptions) => {
  app.decorate('stores', {
    clients: cachedClientStore(pgClientStore(app.db)),
    apis: pgApiStore(app.db),
    signingKeys: pgSigningKeyStore(app.db, deriveKey(opts.secret, 'signing-key-sealing')),
    users: pgUserStore(app.db),
    consents: pgConsentStore(app.db),
    exchangePolicies: pgExchangePolicyStore(app.db),
    passkeys: pgPasskeyStore(app.db),
    secondFactors: pgSecondFactorStore(app.db),
    ...(app.redis ? redisStores(app.redis, redisKeys(opts.redisPrefix)) : inMemory())
  })

  function inMemory (): ShortLivedStores {
    const { stores, close } = memoryStores(opts.revocations ?? { announce () {} }, opts.memoryCapacity)
    app.addHook('onClose', close)
    return stores
  }
}, { name: 'stores', dependencies: ['postgres', 'redis'] })

function redisStores (redis: Redis, keys: RedisKeys): ShortLivedStores {
  return {
    accessTokens: redisAccessTokenStore(redis, keys),
    failures: redisFailureCounter(redis, keys),
    knownAddresses: redisKnownAddressStore(redis, keys),
    usedAssertions: redisUsedAssertionStore(redis, keys),
    authorizationCodes: redisAuthorizationCodeStore(redis, keys),
    refreshTokens: redisRefreshTokenStore(redis, keys),
    userGrants: redisUserGrantIndex(redis, keys),
    clientGrants: redisClientGrantIndex(redis, keys),
    sessions: redisSessionStore(redis, keys),
    pushedRequests: redisPushedRequestStore(redis, keys),
    pendingAuthorizations: redisPendingAuthorizationStore(redis, keys),
    deliveryQueue: redisDeliveryQueue(redis, keys),
    webauthnChallenges: redisWebAuthnChallengeStore(redis, keys),
    accountTokens: redisAccountTokenStore(redis, keys)
  }
}
