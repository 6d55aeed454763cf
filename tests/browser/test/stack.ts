// Starts the real identity, resource and demo services in this process on 127.0.0.1, each store isolated
// (own Postgres schema, own Redis key prefix), with their OAuth clients registered through the admin API. The browser
// sees the identity service at localhost, its issuer (an IP address cannot be a WebAuthn relying party ID); the
// services reach it at 127.0.0.1.
import { randomBytes } from 'node:crypto'
import type { Test } from 'tap'
import type { AdminClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import * as identityService from '@keyhold/auth'
import * as demoService from '@keyhold/demo'
import * as resourceService from '@keyhold/resource'
import { freePort, isolate, startTestSmtpServer, TEST_REDIS_URL, type TestSmtpServer } from '@keyhold/service-kit/testing'

const ADMIN_TOKEN = 'browser-admin-token-0123456789abcdef0123456789'

/** What each service exports: a configuration read from the environment, and the app built from it. */
interface Service<Config> {
  loadConfig (env: Record<string, string | undefined>): Config
  buildApp (config: Config): Promise<{ listen (options: { host: string, port: number }): Promise<string>, close (): Promise<unknown> }>
}

export interface Stack {
  authUrl: string
  resourceUrl: string
  demoUrl: string
  /** Signs a user up through the identity service's account API, with `claims` (name, email …). */
  signUp (username: string, password: string, claims?: Record<string, string>): Promise<void>
  /** With `{ smtp: true }`: the SMTP server the identity service sends its mail to (SMTP_URL), and what it received. */
  smtp?: TestSmtpServer
}

export interface StackOptions {
  /** Send the identity service's mail to an SMTP server in this process, to be read as `stack.smtp`. */
  smtp?: boolean
}

export async function startStack (t: Test, options: StackOptions = {}): Promise<Stack> {
  // Closed last-in first-out: the demo before the resource service before the identity service, stores last.
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => {
    for (const close of closers.reverse()) await close()
  })
  const isolated = async () => {
    const isolation = await isolate('b')
    closers.push(() => isolation.remove())
    return isolation
  }
  const start = async <Config>(service: Service<Config>, env: Record<string, string>, port = 0) => {
    const app = await service.buildApp(service.loadConfig({ LOG_LEVEL: 'silent', ...env }))
    closers.push(() => app.close())
    return app.listen({ host: '127.0.0.1', port })
  }

  // The identity service's issuer and the demo's redirect URI are configured before they listen.
  const authPort = await freePort()
  const authUrl = `http://localhost:${authPort}`
  const authInternalUrl = `http://127.0.0.1:${authPort}`
  const auth = await isolated()
  const smtp = options.smtp ? await startTestSmtpServer() : undefined
  if (smtp) closers.push(() => smtp.close())
  await start(identityService, {
    ...(smtp && { SMTP_URL: smtp.url }),
    ISSUER: authUrl,
    DATABASE_URL: auth.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: auth.redisPrefix,
    AUTH_SECRET: 'browser-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN
  }, authPort)

  const register = async (metadata: Partial<AdminClientMetadata>): Promise<ClientWithSecret> => {
    const response = await fetch(`${authInternalUrl}/admin/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(metadata)
    })
    if (response.status !== 201) throw new Error(`client registration failed: ${response.status} ${await response.text()}`)
    return await response.json() as ClientWithSecret
  }

  // Both services run with their default audience; the resource service's API is registered as provisioning does.
  const resourceClient = await register({ client_name: 'Keyhold resource service', grant_types: ['client_credentials'] })
  const api = await fetch(`${authInternalUrl}/admin/apis`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      identifier: 'http://127.0.0.1:4001',
      name: 'Ships and calls',
      scopes: [
        { name: 'ships:read', description: 'See the ship catalogue' },
        { name: 'ships:write', description: 'Add, change and remove ships' },
        { name: 'calls', description: 'Make phone calls and see your calls' }
      ],
      introspectors: [resourceClient.client_id]
    })
  })
  if (api.status !== 201) throw new Error(`API registration failed: ${api.status} ${await api.text()}`)
  const resource = await isolated()
  const resourceUrl = await start(resourceService, {
    AUTH_URL: authInternalUrl,
    ISSUER: authUrl,
    RESOURCE_CLIENT_ID: resourceClient.client_id,
    RESOURCE_CLIENT_SECRET: resourceClient.client_secret!,
    DATABASE_URL: resource.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    AUTH_REDIS_PREFIX: auth.redisPrefix
  })

  const demoPort = await freePort()
  const demoUrl = `http://127.0.0.1:${demoPort}`
  const demoClient = await register({
    client_name: 'Keyhold demo',
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: [`${demoUrl}/callback`],
    post_logout_redirect_uris: [`${demoUrl}/`],
    backchannel_logout_uri: `${demoUrl}/backchannel-logout`,
    scope: 'openid email profile calls',
    token_endpoint_auth_method: 'client_secret_basic'
  })
  await start(demoService, {
    DEMO_URL: demoUrl,
    AUTH_URL: authUrl,
    AUTH_INTERNAL_URL: authInternalUrl,
    RESOURCE_URL: resourceUrl,
    DEMO_CLIENT_ID: demoClient.client_id,
    DEMO_CLIENT_SECRET: demoClient.client_secret!,
    COOKIE_SECRET: randomBytes(32).toString('base64url')
  }, demoPort)

  return {
    authUrl,
    resourceUrl,
    demoUrl,
    ...(smtp && { smtp }),
    async signUp (username, password, claims = {}) {
      const response = await fetch(`${authInternalUrl}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, ...claims })
      })
      if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`)
    }
  }
}
