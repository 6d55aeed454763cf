// buildApp(config): the demo client as a Fastify instance. It never listens; server.ts does.
import formbody from '@fastify/formbody'
import { fastifyTimeouts } from '@keyhold/service-kit/listener-timeouts'
import { trustedProxies } from '@keyhold/service-kit/trusted-proxies'
import { loggerOptions } from '@keyhold/service-kit/logger'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { DemoConfig } from './config.js'
import { Http } from './http.js'
import { LogoutTokens } from './oidc/logout-token.js'
import { RelyingParty } from './oidc/relying-party.js'
import { TokenKeeper } from './oidc/tokens.js'
import errorPages, { frameworkErrorPage } from './plugins/error-pages.js'
import securityHeaders from './plugins/security-headers.js'
import { ResourceClient } from './resource/client.js'
import backchannelLogoutRoutes from './routes/backchannel-logout.js'
import callRoutes from './routes/calls.js'
import homeRoutes from './routes/home.js'
import signInRoutes from './routes/sign-in.js'
import signOutRoutes from './routes/sign-out.js'
import session from './session/plugin.js'

declare module 'fastify' {
  interface FastifyInstance {
    relyingParty: RelyingParty
    resource: ResourceClient
    tokens: TokenKeeper
  }
}

const FORM_BODY_LIMIT = 8 * 1024

export async function buildApp (config: DemoConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    // Container health probes hit /health every few seconds: keep them out of the request log.
    logController: new LogController({ disableRequestLogging: (request) => request.url === '/health' }),
    bodyLimit: FORM_BODY_LIMIT,
    frameworkErrors: frameworkErrorPage,
    trustProxy: trustedProxies(config.trustProxy),
    ...fastifyTimeouts(config.timeouts)
  })
  const http = new Http(config.httpTimeoutMs)
  const relyingParty = new RelyingParty(config, http)
  app.decorate('relyingParty', relyingParty)
  app.decorate('resource', new ResourceClient(config.resourceUrl, http))
  app.decorate('tokens', new TokenKeeper(relyingParty))
  const logoutTokens = new LogoutTokens({
    issuer: config.issuer,
    clientId: config.clientId,
    alg: config.idTokenAlg,
    keys: async () => (await relyingParty.discover()).keys
  })
  app.addHook('onClose', () => http.close())

  try {
    await app.register(errorPages)
    await app.register(securityHeaders, { identityOrigin: new URL(config.issuer).origin })
    await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT })
    await app.register(session, {
      secret: config.cookieSecret,
      secure: config.publicUrl.startsWith('https:'),
      max: config.sessions.max,
      maxPending: config.sessions.maxPending,
      idleTtlSeconds: config.sessions.idleTtlSeconds
    })
    await app.register(homeRoutes)
    await app.register(signInRoutes, { issuer: config.issuer })
    await app.register(callRoutes)
    await app.register(signOutRoutes)
    await app.register(backchannelLogoutRoutes, { logoutTokens })
    await app.ready()
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}
