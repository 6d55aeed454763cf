// buildApp(config): the resource service as a Fastify instance. It never listens; server.ts does.
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { frameworkErrors } from '@keyhold/service-kit/http-error'
import { healthRoutes } from '@keyhold/service-kit/health'
import { fastifyTimeouts } from '@keyhold/service-kit/listener-timeouts'
import { trustedProxies } from '@keyhold/service-kit/trusted-proxies'
import { loggerOptions } from '@keyhold/service-kit/logger'
import accepts from '@fastify/accepts'
import keyhold, { type RevocationOptions, type RevocationSource } from '@keyhold/fastify'
import type { ResourceConfig } from './config.js'
import callRoutes from './calls/routes.js'
import logbookRoutes from './logbook/routes.js'
import meRoutes from './me/routes.js'
import errorHandler from './plugins/error-handler.js'
import openapi from './plugins/openapi.js'
import postgres from './plugins/postgres.js'
import shipRoutes from './ships/routes.js'

export const JSON_BODY_LIMIT = 16 * 1024

/** What a caller may hand the service rather than have it build its own. */
export interface ResourceDependencies {
  /** Without Redis, where the identity service in this same process announces revoked tokens. */
  revocations?: RevocationSource
}

/** The identity service's Redis channel when REDIS_URL is set, its in-process announcements when handed them, else its event stream. */
function revocationsFor (config: ResourceConfig, deps: ResourceDependencies): RevocationOptions {
  if (config.redisUrl !== undefined) return { redis: { url: config.redisUrl, prefix: config.authRedisPrefix } }
  if (deps.revocations !== undefined) return { source: deps.revocations }
  return 'events'
}

export async function buildApp (config: ResourceConfig, deps: ResourceDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    frameworkErrors,
    trustProxy: trustedProxies(config.trustProxy),
    ...fastifyTimeouts(config.timeouts)
  })

  try {
    await app.register(errorHandler)
    await app.register(accepts)
    await app.register(openapi, { authUrl: config.authUrl })
    await app.register(postgres, { databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    await app.register(keyhold, {
      issuer: config.issuer,
      url: config.authUrl,
      audience: config.audience,
      credentials: config.client.credentials,
      revocations: revocationsFor(config, deps),
      cache: config.cache,
      timeoutMs: config.introspectionTimeoutMs,
      jwksRefreshInterval: config.jwksRefreshInterval,
      allowQueryToken: config.allowQueryToken
    })

    const { resourceDb, keyhold: identity } = app
    await app.register(healthRoutes, {
      checks: { postgres: () => sql`select 1`.execute(resourceDb), identity: () => identity.reachable() },
      tags: ['health']
    })
    await app.register(async (api) => {
      // Answers carry a user's data and depend on a token: no shared or stored copies.
      api.addHook('onRequest', (_request, reply, done) => { reply.header('cache-control', 'no-store'); done() })
      // The APIs take JSON bodies only; anything else is refused with 415.
      api.removeContentTypeParser('text/plain')
      await api.register(shipRoutes)
      await api.register(callRoutes)
      await api.register(meRoutes)
      if (config.logbook) await api.register(logbookRoutes, { logbook: config.logbook, timeoutMs: config.introspectionTimeoutMs })
    }, { prefix: '/api' })

    await app.ready()
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}
