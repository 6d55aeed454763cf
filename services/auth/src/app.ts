// buildApp(config): the identity service as a Fastify instance. It never listens; server.ts does.
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { frameworkErrors } from '@keyhold/service-kit/http-error'
import { healthRoutes } from '@keyhold/service-kit/health'
import { fastifyTimeouts } from '@keyhold/service-kit/listener-timeouts'
import { trustedProxies } from '@keyhold/service-kit/trusted-proxies'
import { loggerOptions } from '@keyhold/service-kit/logger'
import type { AuthConfig } from './config.js'
import { checkCredentials } from './accounts/login.js'
import accountRoutes from './accounts/routes.js'
import adminApis from './admin/apis.js'
import adminClients from './admin/clients.js'
import adminExchangePolicies from './admin/exchange-policies.js'
import adminKeys from './admin/keys.js'
import adminSessions from './admin/sessions.js'
import { requireAdmin } from './admin/authenticate.js'
import { clientSecrets, type ClientSecrets } from './clients/secrets.js'
import { deriveKey } from './crypto/hash.js'
import { outboundJsonGetter } from './delivery/outbound-get.js'
import deliveries from './delivery/plugin.js'
import mailer from './mail/plugin.js'
import { isLoopbackHttpIssuer } from './delivery/target.js'
import browserRoutes, { browserContext, browserInteraction } from './interaction/plugin.js'
import { clientKeys, type ClientKeys } from './oauth/client-keys.js'
import { allowCallerOrigin } from './oauth/cors/caller-origin.js'
import clientEndpointPreflights from './oauth/cors/client-endpoints.js'
import browserCors from './oauth/cors/plugin.js'
import authorizationEndpoint from './oauth/endpoints/authorize.js'
import clientConfigurationEndpoint from './oauth/endpoints/client-configuration.js'
import introspectionEndpoint from './oauth/endpoints/introspect.js'
import jwksEndpoint from './oauth/endpoints/jwks.js'
import metadataEndpoint from './oauth/endpoints/metadata.js'
import pushedAuthorizationEndpoint from './oauth/endpoints/par.js'
import registrationEndpoint from './oauth/endpoints/register.js'
import revocationEndpoint from './oauth/endpoints/revoke.js'
import revocationStreamEndpoint from './oauth/endpoints/revocation-stream.js'
import tokenEndpoint from './oauth/endpoints/token.js'
import userinfoEndpoint from './oauth/endpoints/userinfo.js'
import { acceptFormOnly, noStore } from './oauth/form-endpoint.js'
import postOnly from './oauth/post-only.js'
import apis from './plugins/apis.js'
import background from './plugins/background.js'
import errorHandler from './plugins/error-handler.js'
import postgres from './plugins/postgres.js'
import redis from './plugins/redis.js'
import revocationNotices from './plugins/revocation-notices.js'
import signing from './plugins/signing.js'
import stores from './plugins/stores.js'
import { revocationChannel, type RevocationChannel } from './storage/memory/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: AuthConfig
    clientSecrets: ClientSecrets
    clientKeys: ClientKeys
    /** Registration access tokens: the same scheme as client secrets, under another key. */
    registrationTokens: ClientSecrets
  }
}

export const JSON_BODY_LIMIT = 64 * 1024
/** The most read of a client's key set at its jwks_uri: twenty RSA keys take well under this. */
const MAX_CLIENT_JWKS_BYTES = 64 * 1024

/** What a caller may hand the service rather than have it build its own. */
export interface AuthDependencies {
  /** Without Redis, where revoked access tokens are announced: a resource service in the same process listens there. */
  revocations?: Pick<RevocationChannel, 'announce'>
}

export async function buildApp (config: AuthConfig, deps: AuthDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    frameworkErrors,
    trustProxy: trustedProxies(config.trustProxy),
    ...fastifyTimeouts(config.timeouts)
  })
  app.decorate('config', config)
  app.decorate('clientSecrets', clientSecrets(deriveKey(config.secret, 'client-secret')))
  app.decorate('clientKeys', clientKeys({
    get: outboundJsonGetter({ allowLoopback: isLoopbackHttpIssuer(config.issuer), timeoutMs: config.clientJwks.timeoutMs, maxBytes: MAX_CLIENT_JWKS_BYTES }),
    maxAgeMs: config.clientJwks.maxAge * 1000,
    refreshIntervalMs: config.clientJwks.refreshInterval * 1000,
    log: app.log.child({ component: 'client-keys' })
  }))
  app.decorate('registrationTokens', clientSecrets(deriveKey(config.secret, 'registration-access-token')))

  try {
    await app.register(errorHandler)
    await app.register(postgres, { databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    await app.register(redis, { redisUrl: config.redisUrl })
    // Without Redis, revocations are announced in this process: to this service's own revocation streams, and to
    // whoever the caller handed in.
    const announced = revocationChannel()
    const revocations = { announce (notice: string) { announced.announce(notice); deps.revocations?.announce(notice) } }
    await app.register(stores, { redisPrefix: config.redisPrefix, secret: config.secret, revocations, memoryCapacity: config.memoryStoreCapacity })
    await app.register(revocationNotices, { redisPrefix: config.redisPrefix, announced })
    await app.register(apis, { issuer: config.issuer, accessTokenTtl: config.accessTokenTtl })
    await app.register(signing)
    await app.register(background)
    await app.register(mailer, { smtpUrl: config.mail.smtpUrl, from: config.mail.from, issuer: config.issuer })
    await app.register(deliveries, { settings: config.delivery, issuer: config.issuer, shutdownGraceMs: config.shutdownGraceMs })

    const { db, redis: redisClient } = app
    // Without Redis the short-lived stores are in this process: nothing more to ask.
    await app.register(healthRoutes, {
      checks: { postgres: () => sql`select 1`.execute(db), ...(redisClient && { redis: () => redisClient.ping() }) }
    })
    // Only here may pages on other origins read answers (CORS): discovery and the keys from anywhere, the token,
    // revocation and userinfo endpoints from the origins of the client calling. Everything else stays as it was.
    await app.register(async (web) => {
      await web.register(browserCors)
      await web.register(metadataEndpoint)
      await web.register(jwksEndpoint)
      await web.register(clientEndpointPreflights)
      await web.register(async (oauth) => {
        await acceptFormOnly(oauth)
        await oauth.register(async (calledByPages) => {
          allowCallerOrigin(calledByPages)
          await calledByPages.register(tokenEndpoint, { checkCredentials })
          await calledByPages.register(revocationEndpoint)
          await calledByPages.register(userinfoEndpoint)
        })
        await oauth.register(introspectionEndpoint)
        await oauth.register(revocationStreamEndpoint)
        await oauth.register(pushedAuthorizationEndpoint)
        await oauth.register(postOnly, { urls: ['/token', '/introspect', '/revoke', '/par', '/revocations'] })
      })
    })
    if (config.dynamicRegistration) {
      await app.register(registrationEndpoint)
      await app.register(clientConfigurationEndpoint)
      await app.register(postOnly, { urls: ['/register'] })
    }
    await app.register(accountRoutes, { prefix: '/api/users' })
    await app.register(async (browser) => {
      await browser.register(browserContext)
      await browser.register(authorizationEndpoint, { interaction: browserInteraction(browser) })
      await browser.register(browserRoutes)
    })
    await app.register(async (admin) => {
      admin.addHook('onRequest', noStore)
      requireAdmin(admin)
      await admin.register(adminClients)
      await admin.register(adminApis)
      await admin.register(adminExchangePolicies)
      await admin.register(adminKeys)
      await admin.register(adminSessions)
    }, { prefix: '/admin' })

    await app.ready()
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}
