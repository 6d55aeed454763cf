// Starts the identity service, the resource service and the demo client in this one process, with no server
// to install: embedded Postgres and in-memory stores unless the environment names real ones.
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { ClientMetadata } from '@keyhold/contracts'
import { lockDataDir } from './lock.js'
import {
  DEMO_SCOPE, logbookApi, logReadingPolicy, provisionApi, provisionClient, provisionExchangePolicy, resourceApi, wantedClients,
  type ClientRole, type Urls
} from './provision.js'
import { loadSecrets, saveSecrets, type Credentials } from './secrets.js'
import * as services from './services.js'
import type { Env } from './services.js'

export const DEMO_USERNAME = 'demo'

export interface DevOptions {
  /** Holds dev-secrets.json and, without database URLs, each service's embedded Postgres. */
  dataDir: string
  ports: { auth: number, resource: number, demo: number, logbook: number }
  /**
   * Overrides and settings: AUTH_SECRET, ADMIN_TOKEN, COOKIE_SECRET, DEMO_PASSWORD, <ROLE>_CLIENT_ID/_SECRET;
   * for real servers DATABASE_URL (the identity service's), RESOURCE_DATABASE_URL, REDIS_URL, REDIS_PREFIX;
   * LOG_LEVEL (warn); and any other setting of the services (ACCESS_TOKEN_TTL …).
   */
  env: Env
}

export interface Running {
  urls: Urls
  adminToken: string
  user: { username: string, password: string }
  clients: Record<ClientRole, Credentials>
  close (): Promise<void>
}

const HOST = '127.0.0.1'
// Browsers refuse an IP address as a WebAuthn relying party ID: they see the identity service at localhost (its
// issuer), while the services reach one another at the address it listens on.
const BROWSER_HOST = 'localhost'

export async function start ({ dataDir, ports, env }: DevOptions): Promise<Running> {
  const authInternal = `http://${HOST}:${ports.auth}`
  const urls: Urls = {
    auth: `http://${BROWSER_HOST}:${ports.auth}`,
    resource: `http://${HOST}:${ports.resource}`,
    demo: `http://${HOST}:${ports.demo}`,
    logbook: `http://${HOST}:${ports.logbook}`
  }
  const common = { HOST, LOG_LEVEL: env.LOG_LEVEL ?? 'warn', REDIS_URL: env.REDIS_URL }
  // Without Redis the resource service hears of revoked tokens straight from the identity service's store.
  const revocations = services.identity.revocationChannel()
  const started: FastifyInstance[] = []
  const unlock = await lockDataDir(dataDir)
  let closed: Promise<void> | undefined
  const close = () => closed ??= (async () => {
    for (const app of started.reverse()) await app.close()
    await unlock()
  })()

  try {
    const saved = await loadSecrets(dataDir)
    const adminToken = env.ADMIN_TOKEN ?? saved.adminToken
    const identity = await services.identity.buildApp(services.identity.loadConfig({
      ...env,
      ...common,
      PORT: String(ports.auth),
      ISSUER: urls.auth,
      DATABASE_URL: env.DATABASE_URL,
      DATA_DIR: join(dataDir, 'auth'),
      AUTH_SECRET: env.AUTH_SECRET ?? saved.authSecret,
      ADMIN_TOKEN: adminToken
    }), { revocations })
    started.push(identity)
    await identity.listen({ host: HOST, port: ports.auth })

    // The APIs first, so that the clients may be allowed their scopes; then each API's client as its introspector.
    await provisionApi(identity, adminToken, resourceApi(urls))
    await provisionApi(identity, adminToken, logbookApi(urls))
    const clients = {} as Record<ClientRole, Credentials>
    for (const [role, metadata] of Object.entries(wantedClients(urls)) as Array<[ClientRole, ClientMetadata]>) {
      const prefix = role.toUpperCase()
      const fromEnv = env[`${prefix}_CLIENT_ID`] && env[`${prefix}_CLIENT_SECRET`]
        ? { id: env[`${prefix}_CLIENT_ID`]!, secret: env[`${prefix}_CLIENT_SECRET`]! }
        : undefined
      clients[role] = fromEnv ?? await provisionClient(identity, adminToken, metadata, saved.clients[role])
      if (!fromEnv) saved.clients[role] = clients[role]
    }
    await saveSecrets(dataDir, saved)
    await provisionApi(identity, adminToken, resourceApi(urls, [clients.resource.id]))
    await provisionApi(identity, adminToken, logbookApi(urls, [clients.logbook.id]))
    await provisionExchangePolicy(identity, adminToken, logReadingPolicy(urls, clients.resource.id))
    const password = env.DEMO_PASSWORD ?? saved.demoPassword
    await services.identity.ensureUser(identity, DEMO_USERNAME, password)

    const resource = await services.resource.buildApp(services.resource.loadConfig({
      ...env,
      ...common,
      PORT: String(ports.resource),
      AUTH_URL: authInternal,
      ISSUER: urls.auth,
      AUDIENCE: urls.resource,
      RESOURCE_CLIENT_ID: clients.resource.id,
      RESOURCE_CLIENT_SECRET: clients.resource.secret,
      DATABASE_URL: env.RESOURCE_DATABASE_URL,
      DATA_DIR: join(dataDir, 'resource'),
      AUTH_REDIS_PREFIX: env.REDIS_PREFIX,
      LOGBOOK_URL: urls.logbook
    }), { revocations })
    started.push(resource)
    await resource.listen({ host: HOST, port: ports.resource })

    const logbook = await services.logbook.buildApp(services.logbook.loadConfig({
      ...env,
      ...common,
      PORT: String(ports.logbook),
      ISSUER: urls.auth,
      AUTH_URL: authInternal,
      AUDIENCE: urls.logbook,
      LOGBOOK_CLIENT_ID: clients.logbook.id,
      LOGBOOK_CLIENT_SECRET: clients.logbook.secret,
      AUTH_REDIS_PREFIX: env.REDIS_PREFIX
    }), { revocations })
    started.push(logbook)
    await logbook.listen({ host: HOST, port: ports.logbook })

    const demo = await services.demo.buildApp(services.demo.loadConfig({
      ...env,
      ...common,
      PORT: String(ports.demo),
      // Its redirect URI, sign-out return (`${DEMO_URL}/`) and back-channel logout URI are registered under this.
      DEMO_URL: urls.demo,
      AUTH_URL: urls.auth,
      AUTH_INTERNAL_URL: authInternal,
      DEMO_SCOPE: env.DEMO_SCOPE ?? DEMO_SCOPE,
      RESOURCE_URL: urls.resource,
      DEMO_CLIENT_ID: clients.demo.id,
      DEMO_CLIENT_SECRET: clients.demo.secret,
      COOKIE_SECRET: env.COOKIE_SECRET ?? saved.cookieSecret
    }))
    started.push(demo)
    await demo.listen({ host: HOST, port: ports.demo })

    return { urls, adminToken, user: { username: DEMO_USERNAME, password }, clients, close }
  } catch (error) {
    await close()
    throw error
  }
}
