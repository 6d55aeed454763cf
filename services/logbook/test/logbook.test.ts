// The logbook API behind @keyhold/fastify, with a real identity service: only tokens for this API, with the right
// scope, read or write; every answer says whom the token speaks for and, for an exchanged token, who acts for them.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { TOKEN_EXCHANGE_GRANT, type ClientWithSecret } from '@keyhold/contracts'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import { freePort, isolated, TEST_REDIS_URL } from '@keyhold/service-kit/testing'
import * as identityService from '@keyhold/auth'
import { buildApp, loadConfig } from '../src/index.js'

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'
const SHIPS = 'http://127.0.0.1:4001'
const LOGBOOK = 'http://127.0.0.1:4003'

t.test('the logbook API', async (t) => {
  const { databaseUrl, redisPrefix } = await isolated(t)
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const identity = await identityService.buildApp(identityService.loadConfig({
    DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'silent', ISSUER: issuer,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef', ADMIN_TOKEN
  }))
  t.teardown(() => identity.close())
  await identity.listen({ host: '127.0.0.1', port })
  const admin = async (url: string, payload: object) => {
    const response = await identity.inject({ method: 'POST', url: `/admin${url}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload })
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`)
    return response.json()
  }
  const client = (name: string, grantTypes: string[], scope?: string): Promise<ClientWithSecret> =>
    admin('/clients', { client_name: name, grant_types: grantTypes, ...(scope !== undefined && { scope }) })

  await admin('/apis', { identifier: SHIPS, name: 'Ships', scopes: [{ name: 'ships:read', description: 'See ships' }] })
  await admin('/apis', {
    identifier: LOGBOOK,
    name: 'Logbook',
    scopes: [{ name: 'logbook:read', description: 'Read logs' }, { name: 'logbook:write', description: 'Write logs' }]
  })
  const logbookClient = await client('logbook', ['client_credentials'])
  const shipsService = await client('ships', ['client_credentials', TOKEN_EXCHANGE_GRANT])
  // Each API's own client introspects its tokens; the ships service may exchange a ships:read token for a log reader's.
  const apis = (await identity.inject({ url: '/admin/apis?limit=10', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json().apis
  for (const [identifier, introspector] of [[SHIPS, shipsService], [LOGBOOK, logbookClient]] as const) {
    const { id, built_in: _builtIn, ...definition } = apis.find((api: { identifier: string }) => api.identifier === identifier)
    await identity.inject({ method: 'PUT', url: `/admin/apis/${id}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: { ...definition, introspectors: [introspector.client_id] } })
  }
  await admin('/exchange-policies', { client_id: shipsService.client_id, source_api: SHIPS, source_scope: 'ships:read', target_api: LOGBOOK, target_scope: 'logbook:read' })

  const logbook: FastifyInstance = await buildApp(loadConfig({
    ISSUER: issuer, AUDIENCE: LOGBOOK, LOGBOOK_CLIENT_ID: logbookClient.client_id, LOGBOOK_CLIENT_SECRET: logbookClient.client_secret!,
    REDIS_URL: TEST_REDIS_URL, AUTH_REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'silent'
  }))
  t.teardown(() => logbook.close())

  const form = async (caller: ClientWithSecret, params: Record<string, string>) => {
    const response = await identity.inject({
      method: 'POST', url: '/token', payload: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuthorization(caller.client_id, caller.client_secret!) }
    })
    if (response.statusCode !== 200) throw new Error(`token: ${response.body}`)
    return response.json().access_token as string
  }
  const reader = await client('reader', ['client_credentials'], 'logbook:read ships:read')
  const writer = await client('writer', ['client_credentials'], 'logbook:write')
  const readToken = await form(reader, { grant_type: 'client_credentials', scope: 'logbook:read' })
  const writeToken = await form(writer, { grant_type: 'client_credentials', scope: 'logbook:write' })
  const shipsToken = await form(reader, { grant_type: 'client_credentials', scope: 'ships:read' })
  const read = (token: string, query = 'ship=NCC-1701-D') =>
    logbook.inject({ url: `/api/entries?${query}`, headers: { authorization: `Bearer ${token}` } })

  t.test('a token for this API with logbook:read reads a ship’s log, and is told whom it read for', async (t) => {
    const response = await read(readToken)
    t.equal(response.statusCode, 200, response.body)
    t.equal(response.headers['cache-control'], 'no-store')
    const page = response.json()
    t.ok(page.entries.length > 0)
    t.same(page.read_by, { subject: reader.client_id, client_id: reader.client_id })
  })

  t.test('a token for another API is refused, however good its scopes', async (t) => {
    const response = await read(shipsToken)
    t.equal(response.statusCode, 401)
    t.match(response.headers['www-authenticate'], /error="invalid_token"/)
  })

  t.test('writing needs logbook:write, and records who wrote', async (t) => {
    const denied = await logbook.inject({ method: 'POST', url: '/api/entries', headers: { authorization: `Bearer ${readToken}` }, payload: { ship: 'NCC-1701-D', text: 'Red alert.' } })
    t.equal(denied.statusCode, 403)
    t.match(denied.headers['www-authenticate'], /error="insufficient_scope".*scope="logbook:write"/)
    const written = await logbook.inject({ method: 'POST', url: '/api/entries', headers: { authorization: `Bearer ${writeToken}` }, payload: { ship: 'NCC-1701-D', text: 'Red alert.' } })
    t.equal(written.statusCode, 201)
    t.match(written.json(), { ship: 'NCC-1701-D', text: 'Red alert.', written_by: { subject: writer.client_id } })
  })

  t.test('a token exchanged by the ships service says so in act', async (t) => {
    const exchanged = await form(shipsService, {
      grant_type: TOKEN_EXCHANGE_GRANT, subject_token: shipsToken, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', audience: LOGBOOK
    })
    const page = (await read(exchanged)).json()
    t.same(page.read_by, { subject: reader.client_id, client_id: shipsService.client_id, act: { sub: shipsService.client_id, client_id: shipsService.client_id } })
  })

  t.test('malformed requests are 400s with an OAuth-shaped body', async (t) => {
    for (const query of ['', `ship=${'x'.repeat(33)}`]) {
      const response = await read(readToken, query)
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, 'invalid_request')
    }
    const notJson = await logbook.inject({ method: 'POST', url: '/api/entries', headers: { authorization: `Bearer ${writeToken}`, 'content-type': 'text/plain' }, payload: 'hello' })
    t.equal(notJson.statusCode, 415)
  })
})
