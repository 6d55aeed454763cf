// Starts a real identity service and resource services beside it, each on its own Postgres schema
// and Redis key prefix, removed when the test ends.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import type { Test } from 'tap'
import type { Api, ApiDefinition, ClientTrust, ClientWithSecret } from '@keyhold/contracts'
import { isolated, TEST_DATABASE_URL, TEST_REDIS_URL } from '@keyhold/service-kit/testing'
import * as identityService from '@keyhold/auth'
import { buildApp, loadConfig, type ResourceDependencies } from '../src/index.js'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'

export { eventually } from '@keyhold/service-kit/testing'

export const DATABASE_URL = TEST_DATABASE_URL
export const REDIS_URL = TEST_REDIS_URL
const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'
export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` }
/** The audience both services default to; a test that names another gives it to both. */
export const RESOURCE_AUDIENCE = 'http://127.0.0.1:4001'
/** This service's API as the provisioning scripts register it: the scopes its routes ask for. */
const resourceApi = (identifier: string): ApiDefinition => ({
  identifier,
  name: 'Ships and calls',
  scopes: [
    { name: 'ships:read', description: 'See the ship catalogue' },
    { name: 'ships:write', description: 'Add, change and remove ships' },
    { name: 'calls', description: 'Make phone calls and see your calls' }
  ]
})

/** Revoked tokens announced within the process, as the identity service's in-memory store does without Redis. */
export type RevocationChannel = identityService.RevocationChannel
export interface Identity {
  app: FastifyInstance
  url: string
  /** The `iss` its tokens carry. */
  issuer: string
  redisPrefix: string
  /** POST /introspect requests the identity service has received. */
  readonly introspections: number
  /** GET /jwks.json requests the identity service has received. */
  readonly jwksFetches: number
  /** A second instance on the same data, signing with the newest key. */
  restarted (): Promise<FastifyInstance>
  client (scope: string, trust?: ClientTrust): Promise<ClientWithSecret>
  /** The resource service's own client, allowed to introspect tokens for `audience`. */
  introspector (audience?: string): Promise<ClientWithSecret>
  token (client: ClientWithSecret, scope?: string): Promise<string>
  revoke (client: ClientWithSecret, token: string): Promise<void>
  deleteClient (client: ClientWithSecret): Promise<void>
}

/** A fresh schema (and key prefix of the same name), dropped when the test ends. */
export async function isolatedSchema (t: Test): Promise<{ name: string, url: string }> {
  const { name, databaseUrl } = await isolated(t)
  return { name, url: databaseUrl }
}

export const basic = basicAuthorization

/** The identity service's own in-process revocation channel. */
export async function revocationChannel (): Promise<RevocationChannel> {
  return identityService.revocationChannel()
}

/**
 * The identity service on a fresh schema and prefix; `env` overrides its settings (REDIS_URL, say: empty for
 * in-memory stores, which announce revocations on `revocations`).
 */
export async function startIdentity (t: Test, env: Record<string, string> = {}, revocations?: RevocationChannel): Promise<Identity> {
  const schema = await isolatedSchema(t)
  const redisPrefix = `${schema.name}:`
  const config = identityService.loadConfig({
    DATABASE_URL: schema.url,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    ...env
  })
  const start = async () => {
    const app = await identityService.buildApp(config, { revocations })
    t.teardown(() => app.close())
    return app
  }
  const app = await start()
  const url = await listen(app.server, () => app.listen({ host: '127.0.0.1', port: 0 }))
  const admin = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, payload?: object): Promise<T> => {
    const response = await app.inject({ method, url: `/admin${path}`, headers: adminHeaders, ...(payload && { payload }) })
    if (response.statusCode >= 300) throw new Error(`${method} /admin${path} failed: ${response.body}`)
    return response.json<T>()
  }
  // Another audience a test names is registered on first use, with the same scopes under another name.
  const apiFor = async (identifier: string): Promise<Api> => {
    const { apis } = await admin<{ apis: Api[] }>('GET', '/apis?limit=100')
    return apis.find((api) => api.identifier === identifier) ??
      await admin<Api>('POST', '/apis', identifier === RESOURCE_AUDIENCE ? resourceApi(identifier) : { identifier, name: identifier, scopes: [] })
  }
  await apiFor(RESOURCE_AUDIENCE)
  const received = new Map<string | undefined, number>()
  app.server.on('request', (request) => { received.set(request.url, (received.get(request.url) ?? 0) + 1) })

  const form = async (path: string, client: ClientWithSecret, params: Record<string, string>) => {
    const response = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.client_id, client.client_secret!) },
      payload: new URLSearchParams(params).toString()
    })
    if (response.statusCode !== 200) throw new Error(`${path} failed: ${response.body}`)
    return response
  }

  return {
    app,
    url,
    issuer: config.issuer,
    redisPrefix,
    get introspections () { return received.get('/introspect') ?? 0 },
    get jwksFetches () { return received.get('/jwks.json') ?? 0 },
    restarted: start,
    async client (scope, trust = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/admin/clients',
        headers: adminHeaders,
        payload: { client_name: 'test client', grant_types: ['client_credentials'], scope, ...trust }
      })
      if (response.statusCode !== 201) throw new Error(`client creation failed: ${response.body}`)
      return response.json()
    },
    async introspector (audience = RESOURCE_AUDIENCE) {
      const client = await admin<ClientWithSecret>('POST', '/clients', { client_name: 'resource service', grant_types: ['client_credentials'] })
      const { id, built_in: _builtIn, introspectors, ...definition } = await apiFor(audience)
      await admin('PUT', `/apis/${id}`, { ...definition, introspectors: [...introspectors, client.client_id] })
      return client
    },
    async token (client, scope) {
      const response = await form('/token', client, { grant_type: 'client_credentials', ...(scope && { scope }) })
      return response.json().access_token
    },
    async revoke (client, token) {
      await form('/revoke', client, { token })
    },
    async deleteClient (client) {
      await app.inject({ method: 'DELETE', url: `/admin/clients/${client.client_id}`, headers: adminHeaders })
    }
  }
}

async function listen (server: Server, start: () => Promise<unknown>): Promise<string> {
  await start()
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/** A resource service registered as a client of `identity` (reached at `env.AUTH_URL` if given). */
export async function buildResource (
  t: Test, identity: Identity, env: Record<string, string> = {}, deps: ResourceDependencies = {}
): Promise<FastifyInstance> {
  const schema = await isolatedSchema(t)
  const self = await identity.introspector(env.AUDIENCE)
  const app = await buildApp(loadConfig({
    AUTH_URL: identity.url,
    ISSUER: identity.issuer,
    RESOURCE_CLIENT_ID: self.client_id,
    RESOURCE_CLIENT_SECRET: self.client_secret!,
    DATABASE_URL: schema.url,
    REDIS_URL,
    AUTH_REDIS_PREFIX: identity.redisPrefix,
    LOG_LEVEL: 'silent',
    ...env
  }), deps)
  t.teardown(() => app.close())
  return app
}

/**
 * A server standing in for the identity service named `issuer`, closed when the test ends; its base URL. It serves
 * the discovery document (endpoints under `issuer`, which the resource service reaches at the stand-in) and answers
 * every other request with `handler`.
 */
export async function standIn (t: Test, issuer: string, handler: NonNullable<Parameters<typeof createServer>[1]>): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url !== '/.well-known/openid-configuration') return handler(request, response)
    const discovery = { issuer, jwks_uri: `${issuer}/jwks.json`, introspection_endpoint: `${issuer}/introspect` }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(discovery))
  })
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  return listen(server, () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)))
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Kills the resource service's subscription to the revocation channel under `redisPrefix`; false when none is found. */
export async function cutRevocationFeed (t: Test, redisPrefix: string): Promise<boolean> {
  const redis = new Redis(REDIS_URL)
  t.teardown(() => redis.quit())
  const clients = await redis.client('LIST') as string
  const line = clients.split('\n').find((l) => l.includes(`name=resource-revocations:${redisPrefix}revocations `))
  const id = /(?:^| )id=(\d+)/.exec(line ?? '')?.[1]
  if (id === undefined) return false
  await redis.client('KILL', 'ID', id)
  return true
}

