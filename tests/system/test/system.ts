// Starts a real identity service and a real resource service over HTTP on loopback, each on its own
// Postgres schema and Redis key prefix, wired together as in production; all removed when the test ends.
import { createHash, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { TOKEN_EXCHANGE_GRANT, type AdminClientMetadata, type Api, type ApiDefinition, type ClientWithSecret, type SignUpRequest, type TokenResponse, type User } from '@keyhold/contracts'
import * as identityService from '@keyhold/auth'
import * as resourceService from '@keyhold/resource'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import { freePort, isolated, TEST_REDIS_URL } from '@keyhold/service-kit/testing'

export { eventually } from '@keyhold/service-kit/testing'

const ADMIN_TOKEN = 'system-admin-token-0123456789abcdef0123456789'
/** The resource service's identifier: the `aud` the identity service puts in every access token. */
export const AUDIENCE = 'https://api.keyhold.test'
/** The resource service's API as the provisioning scripts register it. */
export const RESOURCE_API: ApiDefinition = {
  identifier: AUDIENCE,
  name: 'Ships and calls',
  scopes: [
    { name: 'ships:read', description: 'See the ship catalogue' },
    { name: 'ships:write', description: 'Add, change and remove ships' },
    { name: 'calls', description: 'Make phone calls and see your calls' }
  ]
}

/** What both services export: a configuration read from the environment, and the app built from it. */
interface Service<Config> {
  loadConfig (env: Record<string, string | undefined>): Config
  buildApp (config: Config): Promise<FastifyInstance>
}

export interface System {
  /** Where the identity service listens; also its issuer. */
  auth: string
  /** Where the resource service listens. */
  resource: string
  /** The identity service's key prefix in Redis, under which it announces revocations. */
  redisPrefix: string
  /** Registers an API through the admin API. */
  registerApi (definition: ApiDefinition): Promise<Api>
  /** Lets the client introspect the API's tokens. */
  allowIntrospection (apiId: string, clientId: string): Promise<void>
  /** Registers an OAuth client through the admin API. */
  register (metadata: Partial<AdminClientMetadata>): Promise<ClientWithSecret>
  /** DELETE /admin/clients/:id; the response status. */
  deleteClient (clientId: string): Promise<number>
  /** Another resource service for the same API, configured by `env`; its URL. */
  startResource (env?: Record<string, string>): Promise<string>
  /** Another resource service for the same API, whose client may also exchange tokens; its URL and client. */
  startExchangingResource (env?: Record<string, string>): Promise<{ url: string, client: ClientWithSecret }>
  /** The admin API, answering `status` or failing. */
  admin<T> (method: string, path: string, body: object, status: number): Promise<T>
}

export async function startSystem (t: Test, resourceEnv: Record<string, string> = {}): Promise<System> {
  const identity = await isolated(t, 'sys')
  // The issuer is the address clients reach, so its port is chosen before the service is built.
  const port = await freePort()
  const auth = `http://127.0.0.1:${port}`
  await start(t, identityService, {
    ISSUER: auth,
    DATABASE_URL: identity.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: identity.redisPrefix,
    AUTH_SECRET: 'system-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent'
  }, port)
  const admin = async <T>(method: string, path: string, body: object, status: number): Promise<T> => {
    const response = await fetch(`${auth}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (response.status !== status) throw new Error(`${method} /admin${path} failed: ${await response.text()}`)
    return await response.json() as T
  }
  const register = (metadata: Partial<AdminClientMetadata>) =>
    admin<ClientWithSecret>('POST', '/clients', { client_name: 'client', grant_types: ['client_credentials'], ...metadata }, 201)
  const registerApi = (definition: ApiDefinition) => admin<Api>('POST', '/apis', definition, 201)
  const allowIntrospection = async (apiId: string, clientId: string): Promise<void> => {
    const { id: _id, built_in: _builtIn, introspectors, ...definition } = await (await fetch(`${auth}/admin/apis/${apiId}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
    })).json() as Api
    await admin('PUT', `/apis/${apiId}`, { ...definition, introspectors: [...introspectors, clientId] }, 200)
  }
  const resourceApi = await registerApi(RESOURCE_API)
  const deleteClient = async (clientId: string): Promise<number> => (await fetch(`${auth}/admin/clients/${encodeURIComponent(clientId)}`, {
    method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
  })).status
  const startExchangingResource = async (env: Record<string, string> = {}, grantTypes = ['client_credentials', TOKEN_EXCHANGE_GRANT]) => {
    const own = await isolated(t, 'sys')
    const self = await register({ client_name: 'Keyhold resource service', grant_types: grantTypes as AdminClientMetadata['grant_types'] })
    await allowIntrospection(resourceApi.id, self.client_id)
    const app = await start(t, resourceService, {
      AUTH_URL: auth,
      ISSUER: auth,
      AUDIENCE,
      RESOURCE_CLIENT_ID: self.client_id,
      RESOURCE_CLIENT_SECRET: self.client_secret!,
      DATABASE_URL: own.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      AUTH_REDIS_PREFIX: identity.redisPrefix,
      LOG_LEVEL: 'silent',
      ...env
    }, 0)
    return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, client: self }
  }
  const startResource = async (env: Record<string, string> = {}): Promise<string> =>
    (await startExchangingResource(env, ['client_credentials'])).url
  return {
    auth,
    resource: await startResource(resourceEnv),
    redisPrefix: identity.redisPrefix,
    registerApi,
    allowIntrospection,
    register,
    deleteClient,
    startResource,
    startExchangingResource,
    admin
  }
}

async function start<Config> (t: Test, service: Service<Config>, env: Record<string, string>, port: number): Promise<FastifyInstance> {
  const app = await service.buildApp(service.loadConfig(env))
  t.teardown(() => app.close())
  await app.listen({ host: '127.0.0.1', port })
  return app
}

// What a client application sends.

export const basic = (client: ClientWithSecret): string => basicAuthorization(client.client_id, client.client_secret!)
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** A form post authenticated with client_secret_basic, as to /token, /par, /revoke and /introspect. */
export function postForm (url: string, client: ClientWithSecret, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields)
  })
}

/** A successful token response, after checking what every token response must carry. */
export async function tokens (t: Test, response: Response): Promise<TokenResponse> {
  const body = await response.json() as TokenResponse
  t.equal(response.status, 200, 'the token request succeeds')
  t.equal(response.headers.get('cache-control'), 'no-store')
  t.equal(response.headers.get('pragma'), 'no-cache')
  t.match(body, { token_type: 'Bearer', expires_in: 3600, access_token: String })
  return body
}

export function pkce (): { verifier: string, challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export interface Account extends User { password: string }

/** Signs up through POST /api/users, with the standard claims in `claims`. */
export async function signUp (
  system: System, username = `user${randomBytes(4).toString('hex')}`, claims: Omit<SignUpRequest, 'username' | 'password'> = {}
): Promise<Account> {
  const password = 'violet tugboat measures the harbour'
  const response = await fetch(`${system.auth}/api/users`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...claims, username, password })
  })
  if (response.status !== 201) throw new Error(`sign-up failed: ${await response.text()}`)
  return { ...await response.json() as User, password }
}

