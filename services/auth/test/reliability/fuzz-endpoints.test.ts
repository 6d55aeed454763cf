import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import t from 'tap'
import { adminHeaders, basic, build, clientCredentialsToken, createClient } from '../helper.js'

// Every value the fuzzer sends carries this marker, so a reflected header is easy to spot.
const MARK = 'fz9'

interface Target { method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body: 'form' | 'json' | 'none', params: string[] }

const targets: Target[] = [
  { method: 'POST', url: '/token', body: 'form', params: ['grant_type', 'scope', 'client_id', 'client_secret', 'code', 'code_verifier', 'redirect_uri', 'refresh_token', 'username', 'password', 'client_assertion_type', 'client_assertion'] },
  { method: 'POST', url: '/introspect', body: 'form', params: ['token', 'token_type_hint', 'client_id', 'client_secret', 'client_assertion_type', 'client_assertion'] },
  { method: 'POST', url: '/revoke', body: 'form', params: ['token', 'token_type_hint', 'client_id', 'client_secret', 'client_assertion_type', 'client_assertion'] },
  { method: 'POST', url: '/admin/clients', body: 'json', params: ['client_name', 'redirect_uris', 'grant_types', 'response_types', 'scope', 'token_endpoint_auth_method', 'jwks', 'jwks_uri', 'token_endpoint_auth_signing_alg'] },
  { method: 'PUT', url: '/admin/clients/{client}', body: 'json', params: ['client_name', 'grant_types', 'scope'] },
  { method: 'GET', url: '/admin/clients', body: 'none', params: ['limit', 'after'] }
]

const text = fc.oneof(
  fc.constantFrom('', ' ', 'client_credentials', 'authorization_code', 'ships:read', 'none', '%', '%zz', '\u0000', 'null', '[]', '{}', '-1', '1e309'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n))
).map((value) => `${MARK}${value}`)
const jsonValue = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 2 }))

const request = (target: Target) => fc.record({
  method: fc.oneof({ weight: 4, arbitrary: fc.constant(target.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') }),
  params: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...target.params), fc.string({ maxLength: 10 })), fc.oneof(text, jsonValue)), { maxLength: 8 }),
  contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded; charset=latin1', undefined),
  auth: fc.constantFrom('client', 'wrong', 'admin', 'none', 'garbage')
})

function encode (params: Array<[string, unknown]>, contentType: string | undefined): string {
  if (contentType?.includes('json')) return JSON.stringify(Object.fromEntries(params))
  return params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`).join('&')
}

t.test('fuzzed requests to every endpoint: a 4xx with an error body, never a 5xx, nothing reflected, nothing half-written', async (t) => {
  const app: FastifyInstance = await build(t, { CLIENT_AUTH_MAX_FAILURES: '1000000' })
  const client = await createClient(app)
  await clientCredentialsToken(app, client)
  const authorizations: Record<string, string | undefined> = {
    client: basic(client.client_id, client.client_secret!),
    wrong: basic(client.client_id, `${MARK}wrong`),
    admin: adminHeaders.authorization,
    none: undefined,
    garbage: `${MARK} \u00ff`
  }
  const counts = async () => ({
    clients: Number((await app.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    tokens: (await app.redis!.keys(`${app.config.redisPrefix}at:*`)).length
  })

  for (const target of targets) {
    await fc.assert(fc.asyncProperty(request(target), async ({ method, params, contentType, auth }) => {
      const before = await counts()
      const url = target.url.replace('{client}', client.client_id)
      const options: InjectOptions = {
        method,
        url: target.body === 'none' ? `${url}?${encode(params, undefined)}` : url,
        headers: { ...(contentType && { 'content-type': contentType }), ...(authorizations[auth] && { authorization: authorizations[auth] }) },
        ...(target.body !== 'none' && method !== 'GET' && { payload: encode(params, contentType) })
      }
      const response = await app.inject(options)
      const where = `${method} ${target.url} → ${response.statusCode} ${response.body.slice(0, 200)}`
      if (response.statusCode >= 500) throw new Error(where)
      for (const [name, value] of Object.entries(response.headers)) {
        if (String(value).includes(MARK)) throw new Error(`reflected in ${name}: ${where}`)
      }
      if (response.statusCode >= 400) {
        const body = response.json()
        if (typeof body.error !== 'string' || (body.error_description !== undefined && typeof body.error_description !== 'string')) throw new Error(where)
        const after = await counts()
        if (after.clients !== before.clients || after.tokens !== before.tokens) throw new Error(`written on a ${response.statusCode}: ${where}`)
      }
    }), { numRuns: 150 })
    t.pass(`${target.method} ${target.url}`)
  }
})
