// Builds an identity service per test on its own Postgres schema and Redis key prefix.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import type { AdminClientMetadata, Api, ApiDefinition, ClientWithSecret } from '@keyhold/contracts'
import { isolated, TEST_DATABASE_URL, TEST_REDIS_URL } from '@keyhold/service-kit/testing'
import { buildApp } from '../src/app.js'
import { loadConfig, type AuthConfig } from '../src/config.js'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'

export { deleteKeys } from '@keyhold/service-kit/testing'
export const DATABASE_URL = TEST_DATABASE_URL
export const REDIS_URL = TEST_REDIS_URL
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'

/** A configuration naming real Postgres and Redis servers. */
export type ServerConfig = AuthConfig & { databaseUrl: string, redisUrl: string }

/** A fresh schema and key prefix, removed when the test ends. */
export async function isolatedConfig (t: Test, env: Record<string, string> = {}): Promise<ServerConfig> {
  const { databaseUrl, redisPrefix } = await isolated(t)
  return loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    ...env
  }) as ServerConfig
}

/** The resource service's API, as the provisioning scripts register it. */
export const RESOURCE_AUDIENCE = 'http://127.0.0.1:4001'
export const RESOURCE_API: ApiDefinition = {
  identifier: RESOURCE_AUDIENCE,
  name: 'Ships and calls',
  scopes: [
    { name: 'ships:read', description: 'See the ship catalogue' },
    { name: 'ships:write', description: 'Add, change and remove ships' },
    { name: 'calls', description: 'Make phone calls and see your calls' }
  ]
}

/** A service with the resource service's API registered. */
export async function build (t: Test, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = await isolatedConfig(t, env)
  const app = await buildApp(config)
  t.teardown(() => app.close())
  await ensureResourceApi(app)
  return app
}

export async function registerApi (app: FastifyInstance, definition: ApiDefinition): Promise<Api> {
  const response = await app.inject({ method: 'POST', url: '/admin/apis', headers: adminHeaders, payload: definition })
  if (response.statusCode !== 201) throw new Error(`API registration failed: ${response.body}`)
  return response.json()
}

/** Registers the resource service's API unless it is there already. */
export async function ensureResourceApi (app: FastifyInstance): Promise<void> {
  if (!(await app.apis.find(RESOURCE_AUDIENCE))) await registerApi(app, RESOURCE_API)
}

/** Lets the client introspect the tokens of the API `identifier` (one without scopes is registered if unknown). */
export async function allowIntrospection (app: FastifyInstance, clientId: string, identifier: string): Promise<void> {
  const api = await app.apis.find(identifier) ?? await registerApi(app, { identifier, name: identifier, scopes: [] })
  const found = (await app.inject({ method: 'GET', url: `/admin/apis/${api.id}`, headers: adminHeaders })).json<Api>()
  const { id: _id, built_in: _builtIn, introspectors, ...definition } = found
  const response = await app.inject({
    method: 'PUT', url: `/admin/apis/${api.id}`, headers: adminHeaders, payload: { ...definition, introspectors: [...introspectors, clientId] }
  })
  if (response.statusCode !== 200) throw new Error(`allowing introspection failed: ${response.body}`)
}

export const form = (params: Record<string, string>): string => new URLSearchParams(params).toString()
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
export const basic = basicAuthorization
export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` }

/** A client of the admin API; `introspects` names the APIs whose tokens it may introspect. */
export async function createClient (
  app: FastifyInstance, { introspects = [], ...metadata }: Partial<AdminClientMetadata> & { introspects?: string[] } = {}
): Promise<ClientWithSecret> {
  await ensureResourceApi(app)
  const response = await app.inject({
    method: 'POST',
    url: '/admin/clients',
    headers: adminHeaders,
    payload: { client_name: 'service', grant_types: ['client_credentials'], scope: 'ships:read ships:write', ...metadata }
  })
  if (response.statusCode !== 201) throw new Error(`client creation failed: ${response.body}`)
  const client = response.json<ClientWithSecret>()
  for (const identifier of introspects) await allowIntrospection(app, client.client_id, identifier)
  return client
}

/**
 * What the client-trust migration left a client stored with the account scope before trust existed: first_party
 * false beside its old scope, which the admin API would no longer accept.
 */
export async function storeAsBeforeClientTrust (app: FastifyInstance, clientId: string): Promise<void> {
  const { id, secretHash, createdAt, ...fields } = (await app.stores.clients.find(clientId))!
  await app.stores.clients.update(id, { ...fields, firstParty: false })
}

export function postForm (app: FastifyInstance, url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: form(params) })
}

export async function clientCredentialsToken (app: FastifyInstance, client: ClientWithSecret, scope?: string): Promise<string> {
  const response = await postForm(app, '/token', { grant_type: 'client_credentials', ...(scope && { scope }) },
    { authorization: basic(client.client_id, client.client_secret!) })
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`)
  return response.json().access_token
}

export function decodeJwt (token: string): { header: Record<string, unknown>, payload: Record<string, unknown> } {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
  return { header, payload }
}
