// A real identity service (on its own schema and Redis prefix) and a small API protected by the plugin, both
// removed when the test ends.
import { createHash } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Test } from 'tap'
import type { AccessTokenClaims, ClientWithSecret } from '@keyhold/contracts'
import { isolated, TEST_REDIS_URL } from '@keyhold/service-kit/testing'
import * as identityService from '@keyhold/auth'
import keyhold, { type KeyholdOptions } from '../src/index.js'

export { eventually } from '@keyhold/service-kit/testing'
export const REDIS_URL = TEST_REDIS_URL
export const AUDIENCE = 'https://api.example'
const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'
const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` }

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export interface Identity {
  app: FastifyInstance
  url: string
  issuer: string
  redisPrefix: string
  /** POST /introspect requests received. */
  readonly introspections: number
  client (scope: string): Promise<ClientWithSecret>
  /** A confidential client allowed to introspect tokens for `audience`: the API's own. */
  introspector (audience?: string): Promise<ClientWithSecret>
  /** The API's own client, authenticating with private_key_jwt and these public keys. */
  keyIntrospector (jwks: { keys: object[] }): Promise<ClientWithSecret>
  token (client: ClientWithSecret, scope?: string): Promise<string>
  /** A token with exactly these claims (beside iss, jti, iat, exp), signed and recorded as the identity service does. */
  issue (claims: Partial<AccessTokenClaims> & Pick<AccessTokenClaims, 'sub' | 'client_id' | 'scope'>): Promise<string>
  revoke (client: ClientWithSecret, token: string): Promise<void>
}

/** The identity service, listening; `env` overrides its settings (REDIS_URL empty: in-memory stores). */
export async function startIdentity (t: Test, env: Record<string, string> = {}): Promise<Identity> {
  const { databaseUrl, redisPrefix } = await isolated(t)
  const config = identityService.loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    ...env
  })
  const app = await identityService.buildApp(config)
  t.teardown(() => app.close())
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  let introspections = 0
  app.server.on('request', (request) => { if (request.url === '/introspect') introspections++ })

  const admin = async (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
    const response = await app.inject({ method, url: `/admin${path}`, headers: adminHeaders, ...(payload && { payload }) })
    if (response.statusCode >= 300) throw new Error(`${method} /admin${path} failed: ${response.body}`)
    return response.json()
  }
  // The API the tests protect, with the scopes they use.
  const api = await admin('POST', '/apis', {
    identifier: AUDIENCE,
    name: 'Ships',
    scopes: [{ name: 'ships:read', description: 'See ships' }, { name: 'ships:write', description: 'Change ships' }]
  })
  /** Names the client among the introspectors of the API `identifier`, registering an API without scopes if unknown. */
  const allowIntrospection = async (clientId: string, identifier: string) => {
    const found = identifier === AUDIENCE ? api : await admin('POST', '/apis', { identifier, name: identifier, scopes: [] })
    const { id, built_in: _builtIn, introspectors, ...definition } = await admin('GET', `/apis/${found.id}`)
    await admin('PUT', `/apis/${id}`, { ...definition, introspectors: [...introspectors, clientId] })
  }

  const created = async (payload: object): Promise<ClientWithSecret> => {
    const response = await app.inject({ method: 'POST', url: '/admin/clients', headers: adminHeaders, payload })
    if (response.statusCode !== 201) throw new Error(`client creation failed: ${response.body}`)
    return response.json()
  }
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
    get introspections () { return introspections },
    client: (scope) => created({ client_name: 'caller', grant_types: ['client_credentials'], scope }),
    async introspector (audience = AUDIENCE) {
      const client = await created({ client_name: 'api', grant_types: ['client_credentials'] })
      await allowIntrospection(client.client_id, audience)
      return client
    },
    async keyIntrospector (jwks) {
      const client = await created({ client_name: 'api', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', jwks })
      await allowIntrospection(client.client_id, AUDIENCE)
      return client
    },
    async token (client, scope) {
      return (await form('/token', client, { grant_type: 'client_credentials', ...(scope && { scope }) })).json().access_token
    },
    async issue (claims) {
      const now = Math.floor(Date.now() / 1000)
      const full = { iss: config.issuer, aud: AUDIENCE, jti: crypto.randomUUID(), iat: now, exp: now + 600, ...claims }
      const token = app.signing.signAccessToken(full as AccessTokenClaims)
      await app.stores.accessTokens.save(createHash('sha256').update(token).digest('base64url'), { claims: full }, 600)
      return token
    },
    async revoke (client, token) { await form('/revoke', client, { token }) }
  }
}

/**
 * An API protected by the plugin, as its users write one: `GET /ships` needs `ships:read`, `GET /fleet` both
 * `ships:read` and `ships:write`, `GET /me` any token; each answers with what `request.token` holds.
 */
export async function protectedApi (t: Test, identity: Identity, options: Partial<KeyholdOptions> = {}): Promise<FastifyInstance> {
  const self = await identity.introspector(options.audience)
  const app = Fastify({ logger: false })
  t.teardown(() => app.close())
  await app.register(keyhold, {
    issuer: identity.issuer,
    url: identity.url,
    audience: AUDIENCE,
    credentials: { clientId: self.client_id, clientSecret: self.client_secret! },
    revocations: { redis: { url: REDIS_URL, prefix: identity.redisPrefix } },
    ...options
  })
  const answer = async (request: FastifyRequest) => ({ ...request.token, scopes: [...request.token.scopes] })
  app.get('/ships', { onRequest: app.keyhold.authenticate('ships:read') }, answer)
  app.get('/fleet', { onRequest: app.keyhold.authenticate(['ships:read', 'ships:write']) }, answer)
  app.get('/me', { onRequest: app.keyhold.authenticate() }, answer)
  await app.ready()
  return app
}
