// The Fastify plugin: `app.keyhold.authenticate(scope)` builds the onRequest hook a route uses to admit only
// requests whose bearer token is active, meant for this API and (if named) carries the scope; the token's claims
// are then `request.token`.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { readRevocationNotice } from '@keyhold/contracts'
import type { AccessToken } from './access-token.js'
import { clientAuthentication } from './client-credentials.js'
import { BearerFailure, insufficientScope, sendFailure } from './errors.js'
import { extractToken } from './extract.js'
import { identityClient, type ExchangedToken, type ExchangeTarget, type IdentityClient } from './identity-client.js'
import { resolveOptions, type KeyholdOptions, type ResolvedOptions } from './options.js'
import { listenToEventStream } from './revocations/event-stream.js'
import { listenInProcess, noFeed, type FeedListener, type RevocationFeed } from './revocations/feed.js'
import { subscribeToRedis } from './revocations/redis.js'
import { publishedKeySet } from './signing-keys.js'
import { tokenCache } from './token-cache.js'
import { tokenValidator } from './token-validator.js'

export interface Keyhold {
  /**
   * An onRequest hook admitting requests whose token is active, for this API, and carries every scope named;
   * anything else is answered here, with RFC 6750's status, body and `WWW-Authenticate`.
   */
  authenticate (scope?: string | readonly string[]): onRequestHookHandler
  /**
   * A token to call another API on behalf of the request's subject, exchanged for the request's own token
   * (RFC 8693): the new token names this API's client in `act`. Only on a request `authenticate` admitted; a refusal
   * by the identity service (no policy, say) is logged and answered 503, like any identity service failure.
   */
  exchange (request: FastifyRequest, target: ExchangeTarget): Promise<ExchangedToken>
  /** Whether the identity service answers its health check, for a readiness probe. */
  reachable (): Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    keyhold: Keyhold
  }
  interface FastifyRequest {
    /** The claims of the request's access token, once `keyhold.authenticate` admitted it. */
    token: AccessToken
  }
}

async function openFeed (options: ResolvedOptions, identity: IdentityClient, listener: FeedListener): Promise<RevocationFeed> {
  const mode = options.revocations
  if (mode === 'none') return noFeed
  if (mode === 'events') return listenToEventStream(identity, listener)
  if ('events' in mode) return listenToEventStream(identity, listener, mode.events)
  if ('redis' in mode) return subscribeToRedis(mode.redis, listener)
  return listenInProcess(mode.source, listener.onNotice)
}

async function keyhold (app: FastifyInstance, userOptions: KeyholdOptions): Promise<void> {
  const options = resolveOptions(userOptions)
  const identity = identityClient({
    issuer: options.issuer,
    baseUrl: options.url,
    authenticate: clientAuthentication(options.credentials, options.issuer),
    timeoutMs: options.timeoutMs,
    log: app.log
  })
  const cache = tokenCache(options.cache)
  let revocations: RevocationFeed
  try {
    revocations = await openFeed(options, identity, {
      log: app.log,
      onNotice (message) {
        const notice = readRevocationNotice(message)
        if ('clientId' in notice) cache.endClient(notice.clientId)
        else cache.revoke(notice.jti)
      },
      onGap: () => cache.clear()
    })
  } catch (error) {
    await identity.close()
    throw error
  }
  // The event stream is a request on the identity client's pools, which wait for it: it ends first.
  app.addHook('onClose', async () => {
    await revocations.close()
    await identity.close()
  })

  const validator = tokenValidator({
    issuer: options.issuer,
    audience: options.audience,
    realm: options.realm,
    identity,
    keys: publishedKeySet(() => identity.jwks(), options.jwksRefreshInterval),
    cache,
    cacheTrusted: () => revocations.live
  })

  const refuse = (reply: FastifyReply, error: unknown, done: (error?: Error) => void) => {
    if (error instanceof BearerFailure) sendFailure(reply, error)
    else done(error as Error)
  }

  // The admitted bearer string, kept apart from `request.token` so that logging a request's token never shows it.
  const presented = new WeakMap<FastifyRequest, string>()

  app.decorateRequest('token', null as unknown as AccessToken)
  app.decorate<Keyhold>('keyhold', {
    // A callback hook rather than an async one: a cached token is admitted without a promise or a tick.
    authenticate (scope?: string | readonly string[]): onRequestHookHandler {
      const needed: readonly string[] = scope === undefined ? [] : typeof scope === 'string' ? [scope] : scope
      const lacking = needed.length === 0 ? undefined : insufficientScope(options.realm, needed)
      return (request, reply, done) => {
        let bearer: string
        const admit = (token: AccessToken) => {
          if (lacking && !needed.every((wanted) => token.scopes.has(wanted))) return sendFailure(reply, lacking)
          request.token = token
          presented.set(request, bearer)
          done()
        }
        let token: AccessToken | Promise<AccessToken>
        try {
          bearer = extractToken(request, options.allowQueryToken, options.realm)
          token = validator.validate(bearer)
        } catch (error) {
          return refuse(reply, error, done)
        }
        if (token instanceof Promise) token.then(admit, (error: unknown) => refuse(reply, error, done))
        else admit(token)
      }
    },
    exchange (request, target) {
      const bearer = presented.get(request)
      if (bearer === undefined) throw new TypeError('@keyhold/fastify: exchange() needs a request that authenticate() admitted')
      return identity.exchange(bearer, target)
    },
    reachable: () => identity.reachable()
  })
}

/** Makes the Fastify instance it is registered on a resource server of a Keyhold identity service. */
export const keyholdPlugin = fp(keyhold, { fastify: '5.x', name: '@keyhold/fastify' })
