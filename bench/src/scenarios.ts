// The servers and scenarios one run measures: the ceilings, the peer, and ours.
import { basicAuthorization as basic } from '@keyhold/service-kit/basic-auth'
import type { LoadOptions } from './load.js'
import { freePort, randomSecret, REDIS_URL, startServer, type Isolation, type RunningServer } from './harness.js'

export type Request = Omit<LoadOptions, 'connections' | 'seconds'>

export interface Scenario {
  key: string
  label: string
  /** The servers that do the work of a request, whose CPU time it is charged. */
  servers: RunningServer[]
  /** The request to send, made fresh for each run (tokens) after one checked request. */
  prepare (): Promise<Request>
}

export interface Contestant {
  servers: RunningServer[]
  scenarios: Scenario[]
}

const FORM = 'application/x-www-form-urlencoded'

/** Sends the request once and insists on a 2xx answer (and an active token where introspecting). */
async function checked (request: Request): Promise<Request> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body ?? null })
  const text = await response.text()
  if (!response.ok) throw new Error(`${request.method} ${request.url} answered ${response.status}: ${text}`)
  if (text.startsWith('{"active":false')) throw new Error(`${request.url} says the token is not active`)
  return request
}

async function tokenFrom (url: string, authorization: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': FORM, authorization },
    body: 'grant_type=client_credentials&scope=ships%3Aread'
  })
  if (!response.ok) throw new Error(`token request to ${url} answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { access_token: string }).access_token
}

/** Token and introspection scenarios for an authorization server, ours or the peer. */
function oauthScenarios (server: RunningServer, prefix: string, tokenUrl: string, introspectionUrl: string, authorization: string): Scenario[] {
  const form = { 'content-type': FORM, authorization }
  return [{
    key: `${prefix}-token`,
    servers: [server],
    label: `POST ${new URL(tokenUrl).pathname} client_credentials`,
    prepare: () => checked({ url: tokenUrl, method: 'POST', headers: form, body: 'grant_type=client_credentials&scope=ships%3Aread' })
  }, {
    key: `${prefix}-introspect`,
    servers: [server],
    label: `POST ${new URL(introspectionUrl).pathname} (active token)`,
    async prepare () {
      const token = await tokenFrom(tokenUrl, authorization)
      return checked({ url: introspectionUrl, method: 'POST', headers: form, body: `token=${encodeURIComponent(token)}` })
    }
  }]
}

export async function startCeilings (isolation: Isolation): Promise<Contestant> {
  const bare = await startServer({ name: 'bare Fastify', script: 'bare.ts', env: {} })
  const redis = await startServer({
    name: 'Fastify + Redis', script: 'redis.ts', env: { REDIS_URL, REDIS_PREFIX: isolation.redisPrefix }
  })
  return {
    servers: [bare, redis],
    scenarios: [
      { key: 'bare', servers: [bare], label: 'GET /json, bare Fastify', prepare: () => checked({ url: `${bare.url}/json`, method: 'GET', headers: {} }) },
      { key: 'redis', servers: [redis], label: 'GET /redis, one Redis GET + SET', prepare: () => checked({ url: `${redis.url}/redis`, method: 'GET', headers: {} }) }
    ]
  }
}

export async function startPeer (): Promise<Contestant> {
  const clientId = 'bench'
  const secret = randomSecret()
  const peer = await startServer({ name: 'oidc-provider', script: 'peer.ts', env: { CLIENT_ID: clientId, CLIENT_SECRET: secret } })
  return {
    servers: [peer],
    scenarios: oauthScenarios(peer, 'peer', `${peer.url}/token`, `${peer.url}/token/introspection`, basic(clientId, secret))
  }
}

export interface IdentityService {
  server: RunningServer
  env: Record<string, string>
}

/** The identity service's environment for this run, on the run's schema and prefix. */
function identityEnvironment (isolation: Isolation, extra: Record<string, string>): Record<string, string> {
  return {
    DATABASE_URL: isolation.databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: isolation.redisPrefix,
    AUTH_SECRET: randomSecret(),
    ADMIN_TOKEN: randomSecret(),
    ACCESS_TOKEN_TTL: '600',
    LOG_LEVEL: 'warn',
    ...extra
  }
}

async function admin<T> (identity: IdentityService, method: string, path: string, body: object, status: number): Promise<T> {
  const response = await fetch(`${identity.server.url}/admin${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${identity.env.ADMIN_TOKEN}` },
    body: JSON.stringify(body)
  })
  if (response.status !== status) throw new Error(`${method} /admin${path} answered ${response.status}: ${await response.text()}`)
  return await response.json() as T
}

/**
 * Registers a confidential client_credentials client through the admin API; `introspects` names the API (by
 * identifier) whose tokens it may introspect.
 */
export async function registerClient (
  identity: IdentityService, name: string, { introspects }: { introspects?: string } = {}
): Promise<{ id: string, secret: string }> {
  const client = await admin<{ client_id: string, client_secret: string }>(identity, 'POST', '/clients',
    { client_name: name, grant_types: ['client_credentials'], scope: 'ships:read ships:write' }, 201)
  if (introspects !== undefined) {
    const { apis } = await (await fetch(`${identity.server.url}/admin/apis?limit=100`, { headers: { authorization: `Bearer ${identity.env.ADMIN_TOKEN}` } }))
      .json() as { apis: Array<{ id: string, identifier: string, name: string, scopes: object[], introspectors: string[] }> }
    const { id, identifier, name: apiName, scopes, introspectors } = apis.find((api) => api.identifier === introspects)!
    await admin(identity, 'PUT', `/apis/${id}`, { identifier, name: apiName, scopes, introspectors: [...introspectors, client.client_id] }, 200)
  }
  return { id: client.client_id, secret: client.client_secret }
}

/** The identity service, with the resource service's API registered under `audience` (by default the resource service's default). */
export async function startIdentity (isolation: Isolation, options: { audience?: string, nodeFlags?: string[] } = {}): Promise<IdentityService> {
  const port = await freePort()
  const env = identityEnvironment(isolation, { ISSUER: `http://127.0.0.1:${port}` })
  const server = await startServer({
    name: 'identity service', script: 'keyhold.ts', args: ['@keyhold/auth'], env, port, nodeFlags: options.nodeFlags ?? []
  })
  const identity = { server, env }
  await admin(identity, 'POST', '/apis', {
    identifier: options.audience ?? 'http://127.0.0.1:4001',
    name: 'Ships',
    scopes: [{ name: 'ships:read', description: 'See the ship catalogue' }, { name: 'ships:write', description: 'Add, change and remove ships' }]
  }, 201)
  return identity
}

export async function identityScenarios (identity: IdentityService): Promise<Scenario[]> {
  const client = await registerClient(identity, 'bench')
  const { url } = identity.server
  return oauthScenarios(identity.server, 'ours', `${url}/token`, `${url}/introspect`, basic(client.id, client.secret))
}

/** The identifier the resource service answers to, and that our access tokens name in `aud`. */
export const RESOURCE_AUDIENCE = 'https://resource.bench.keyhold'

/** Two resource services in front of the identity service: introspection answers cached, and not.
 * `profiled` gives node flags to the one serving scenario `key`. */
export async function startResources (
  identity: IdentityService,
  isolation: Isolation,
  profiled?: { key: string, nodeFlags: string[] }
): Promise<Contestant> {
  const introspector = await registerClient(identity, 'resource service', { introspects: RESOURCE_AUDIENCE })
  const reader = await registerClient(identity, 'ship reader')
  const env = (cacheMaxAge: number): Record<string, string> => ({
    AUTH_URL: identity.server.url,
    ISSUER: identity.env.ISSUER!,
    AUDIENCE: RESOURCE_AUDIENCE,
    RESOURCE_CLIENT_ID: introspector.id,
    RESOURCE_CLIENT_SECRET: introspector.secret,
    DATABASE_URL: isolation.databaseUrl,
    REDIS_URL,
    AUTH_REDIS_PREFIX: identity.env.REDIS_PREFIX!,
    INTROSPECTION_CACHE_MAX_AGE: String(cacheMaxAge),
    LOG_LEVEL: 'warn'
  })
  const start = (key: string, cacheMaxAge: number) => startServer({
    name: key, script: 'keyhold.ts', args: ['@keyhold/resource'], env: env(cacheMaxAge),
    nodeFlags: profiled?.key === key ? profiled.nodeFlags : []
  })
  const cached = await start('resource-cached', 5)
  const uncached = await start('resource-uncached', 0)
  const tokenUrl = `${identity.server.url}/token`
  const scenario = (key: string, label: string, server: RunningServer): Scenario => ({
    key,
    label,
    servers: [server, identity.server],
    async prepare () {
      const token = await tokenFrom(tokenUrl, basic(reader.id, reader.secret))
      return checked({ url: `${server.url}/api/ships`, method: 'GET', headers: { authorization: `Bearer ${token}` } })
    }
  })
  return {
    servers: [cached, uncached],
    scenarios: [
      scenario('resource-cached', 'GET /api/ships, cached introspection', cached),
      scenario('resource-uncached', 'GET /api/ships, caching off', uncached)
    ]
  }
}
