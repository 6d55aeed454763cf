// buildApp(config): the logbook service as a Fastify instance, a resource server of Keyhold through
// @keyhold/fastify. It never listens; server.ts does.
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import keyhold, { type RevocationSource } from '@keyhold/fastify'
import { frameworkErrors, jsonApiErrorHandler } from '@keyhold/service-kit/http-error'
import { healthRoutes } from '@keyhold/service-kit/health'
import { fastifyTimeouts } from '@keyhold/service-kit/listener-timeouts'
import { trustedProxies } from '@keyhold/service-kit/trusted-proxies'
import { loggerOptions } from '@keyhold/service-kit/logger'
import type { LogbookConfig } from './config.js'
import { inMemoryLogbook } from './log.js'
import logbookRoutes from './routes.js'

const JSON_BODY_LIMIT = 16 * 1024

export interface LogbookDependencies {
  /** Without Redis, where an identity service in this same process announces revoked tokens. */
  revocations?: RevocationSource
}

export async function buildApp (config: LogbookConfig, deps: LogbookDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    frameworkErrors,
    trustProxy: trustedProxies(config.trustProxy),
    ...fastifyTimeouts(config.timeouts)
  })

  try {
    await app.register(jsonApiErrorHandler())
    await app.register(keyhold, {
      issuer: config.issuer,
      ...(config.authUrl !== undefined && { url: config.authUrl }),
      audience: config.audience,
      credentials: { clientId: config.client.id, clientSecret: config.client.secret },
      revocations: deps.revocations !== undefined
        ? { source: deps.revocations }
        : config.redisUrl !== undefined ? { redis: { url: config.redisUrl, prefix: config.authRedisPrefix } } : 'events'
    })
    await app.register(healthRoutes, { checks: { identity: () => app.keyhold.reachable() } })
    await app.register(async (api) => {
      api.addHook('onRequest', (_request, reply, done) => { reply.header('cache-control', 'no-store'); done() })
      api.removeContentTypeParser('text/plain')
      await api.register(logbookRoutes, { logbook: inMemoryLogbook() })
    }, { prefix: '/api' })
    await app.ready()
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}
