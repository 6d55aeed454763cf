// Bearer-token protection for the APIs (RFC 6750): `app.authenticate(scope)` builds the onRequest
// hook a route uses; the validated caller is `request.caller`.
import fp from 'fastify-plugin'
import { readRevocationNotice } from '@keyhold/contracts'
import { publishedKeySet } from '@keyhold/service-kit/jose'
import type { onRequestHookHandler } from 'fastify'
import { InsufficientScope } from '../errors.js'
import type { Caller } from '../bearer/caller.js'
import type { ResourceConfig } from '../config.js'
import { extractToken } from '../bearer/extract.js'
import { identityClient, type IdentityClient } from '../bearer/identity-client.js'
import { listenInProcess, subscribeToRevocations, type RevocationSource } from '../bearer/revocations.js'
import { tokenCache } from '../bearer/token-cache.js'
import { tokenValidator } from '../bearer/token-validator.js'

type Guard = onRequestHookHandler

declare module 'fastify' {
  interface FastifyInstance {
    identity: IdentityClient
    /** An onRequest hook admitting requests whose token is active, for us, and (if given) carries `scope`. */
    authenticate (scope?: string): Guard
  }
  interface FastifyRequest {
    caller: Caller
  }
}

export interface BearerAuthOptions {
  config: ResourceConfig
  revocations?: RevocationSource | undefined
}

export default fp(async (app, opts: BearerAuthOptions) => {
  const { config } = opts
  const identity = identityClient({
    authUrl: config.authUrl,
    clientId: config.client.id,
    clientSecret: config.client.secret,
    timeoutMs: config.introspectionTimeoutMs,
    log: app.log
  })
  app.addHook('onClose', () => identity.close())

  const cache = tokenCache(config.cache)
  const onRevoked = (message: string) => {
    const notice = readRevocationNotice(message)
    if ('clientId' in notice) cache.endClient(notice.clientId)
    else cache.revoke(notice.jti)
  }
  const revocations = config.redisUrl === undefined
    ? listenInProcess(opts.revocations, onRevoked)
    : await subscribeToRevocations({
      redisUrl: config.redisUrl,
      channel: `${config.authRedisPrefix}revocations`,
      log: app.log,
      onRevoked,
      onGap: () => cache.clear()
    })
  app.addHook('onClose', () => revocations.close())

  const validator = tokenValidator({
    issuer: config.issuer,
    audience: config.audience,
    identity,
    keys: publishedKeySet(() => identity.jwks(), config.jwksRefreshInterval),
    cache,
    cacheTrusted: () => revocations.live
  })

  app.decorate('identity', identity)
  app.decorateRequest('caller', null as unknown as Caller)
  // A callback hook rather than an async one: a cached token is admitted without a promise or a tick.
  app.decorate('authenticate', (scope?: string): Guard => (request, _reply, done) => {
    const admit = (caller: Caller) => {
      if (scope !== undefined && !caller.scopes.has(scope)) return done(InsufficientScope(scope))
      request.caller = caller
      done()
    }
    let caller: Caller | Promise<Caller>
    try {
      caller = validator.validate(extractToken(request, config.allowQueryToken).token)
    } catch (error) {
      return done(error as Error)
    }
    if (caller instanceof Promise) caller.then(admit, done)
    else admit(caller)
  })
}, { name: 'bearer-auth' })
