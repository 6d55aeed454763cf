// The real identity service, built in this process as tests/system does: its own Postgres schema and Redis prefix,
// listening on 127.0.0.1 at a port chosen first (the issuer is configured before it listens), removed afterwards.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import type { AdminClientMetadata, ClientWithSecret, User } from '@keyhold/contracts'
import { buildApp, loadConfig } from '@keyhold/auth'
import { freePort, isolated, TEST_REDIS_URL } from '@keyhold/service-kit/testing'

const ADMIN_TOKEN = 'demo-test-admin-token-0123456789abcdef0123456789'
export const PASSWORD = 'violet tugboat measures the harbour'

export interface Account extends User { password: string }

export interface Keyhold {
  issuer: string
  /** The identity service itself, for its signing keys. */
  app: FastifyInstance
  /** Registers a client through the admin API; by default the demo's, as provisioning registers it. */
  register (demoUrl: string, metadata?: Partial<AdminClientMetadata>): Promise<ClientWithSecret>
  /** Signs a user up through the account API, with `claims` (email, name …). */
  signUp (claims?: Record<string, string>): Promise<Account>
}

export async function startKeyhold (t: Test): Promise<Keyhold> {
  const isolation = await isolated(t, 'demo')
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const app = await buildApp(loadConfig({
    ISSUER: issuer,
    DATABASE_URL: isolation.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: isolation.redisPrefix,
    AUTH_SECRET: 'demo-test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    // Every test signs its own users up, all from 127.0.0.1.
    SIGNUP_RATE_LIMIT: '10000',
    LOG_LEVEL: 'silent'
  }))
  t.teardown(() => app.close())
  await app.listen({ host: '127.0.0.1', port })

  const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
    const response = await fetch(`${issuer}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body)
    })
    if (response.status !== 201) throw new Error(`POST ${path} failed: ${response.status} ${await response.text()}`)
    return response.json()
  }
  // The resource service's API, as provisioning registers it: the demo asks for its `calls` scope.
  await post('/admin/apis', {
    identifier: 'http://127.0.0.1:4001',
    name: 'Ships and calls',
    scopes: [
      { name: 'ships:read', description: 'See the ship catalogue' },
      { name: 'ships:write', description: 'Add, change and remove ships' },
      { name: 'calls', description: 'Make phone calls and see your calls' }
    ]
  }, { authorization: `Bearer ${ADMIN_TOKEN}` })
  return {
    issuer,
    app,
    register: async (demoUrl, metadata = {}) => await post('/admin/clients', {
      client_name: 'Keyhold demo',
      grant_types: ['authorization_code', 'refresh_token'],
      redirect_uris: [`${demoUrl}/callback`],
      post_logout_redirect_uris: [`${demoUrl}/`],
      scope: 'openid email profile calls',
      token_endpoint_auth_method: 'client_secret_basic',
      ...metadata
    }, { authorization: `Bearer ${ADMIN_TOKEN}` }) as ClientWithSecret,
    async signUp (claims = {}) {
      const username = `user${randomBytes(4).toString('hex')}`
      return { ...await post('/api/users', { username, password: PASSWORD, ...claims }) as User, password: PASSWORD }
    }
  }
}
