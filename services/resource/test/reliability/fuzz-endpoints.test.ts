import fc from 'fast-check'
import type { InjectOptions } from 'fastify'
import { sql } from 'kysely'
import t from 'tap'
import { basic, bearer, buildResource, startIdentity } from '../helper.js'

// Every value the fuzzer sends carries this marker, so a reflected header is easy to spot.
const MARK = 'fz9'
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'
interface Target { method: Method, url: string, params: string[] }

const targets: Target[] = [
  { method: 'GET', url: '/api/ships', params: ['limit', 'cursor', 'affiliation', 'category', 'access_token'] },
  { method: 'GET', url: '/api/ships/{ship}', params: ['access_token'] },
  { method: 'POST', url: '/api/ships', params: ['name', 'registry', 'class', 'affiliation', 'category', 'crew', 'id'] },
  { method: 'PUT', url: '/api/ships/{ship}', params: ['name', 'registry', 'class', 'affiliation', 'category', 'crew'] },
  { method: 'DELETE', url: '/api/ships/{ship}', params: [] },
  { method: 'GET', url: '/api/calls', params: ['status', 'limit'] },
  { method: 'POST', url: '/api/calls', params: ['number', 'status', 'owner'] },
  { method: 'GET', url: '/api/calls/{call}', params: [] },
  { method: 'PUT', url: '/api/calls/{call}', params: ['status', 'ended_at'] },
  { method: 'GET', url: '/api/me', params: ['sub'] }
]

const text = fc.oneof(
  fc.constantFrom('', ' ', '1', '0', '-1', '100', '101', '1e309', 'ended', 'ongoing', '+14155550100', 'Federation', 'null', '[]', '{}', '"', '\\', '%', '%zz', '\u0000'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n))
).map((value) => `${MARK}${value}`)
const jsonValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 2 }))
const id = fc.constantFrom('{own}', '0', '-1', '1e3', '99999999999999999999', `${MARK}`, '%2F..%2F', '%00', '00000000-0000-4000-8000-000000000000', 'x'.repeat(300))

const request = (target: Target) => fc.record({
  method: fc.oneof({ weight: 4, arbitrary: fc.constant(target.method) }, { weight: 1, arbitrary: fc.constantFrom<Method>('GET', 'POST', 'PUT', 'DELETE', 'PATCH') }),
  id,
  params: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...(target.params.length ? target.params : ['x'])), fc.string({ maxLength: 10 })), fc.oneof(text, jsonValue)), { maxLength: 8 }),
  rawBody: fc.option(text, { freq: 4 }),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', `${MARK}/x`, undefined),
  accept: fc.constantFrom(undefined, 'application/json', 'application/xml', 'text/html', '*/*', 'application/json;q=0', `${MARK}/x`, ''),
  auth: fc.constantFrom('all', 'all', 'read', 'none', 'garbage', 'basic', 'forged', 'twice')
})

const query = (params: Array<[string, unknown]>) =>
  params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`).join('&')

t.test('fuzzed requests to every API route: a 4xx with a well-formed error body, never a 5xx, nothing reflected, nothing written', async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const client = await identity.client('ships:read ships:write calls')
  const all = await identity.token(client)
  const read = await identity.token(client, 'ships:read')
  const ship = (await resource.inject({ method: 'GET', url: '/api/ships?limit=1', headers: bearer(all) })).json().ships[0].id as string
  const call = (await resource.inject({ method: 'POST', url: '/api/calls', headers: bearer(all), payload: { number: '+14155550100' } })).json().id as string
  const authorizations: Record<string, Record<string, string>> = {
    all: bearer(all),
    read: bearer(read),
    none: {},
    garbage: { authorization: `Bearer ${MARK}!!` },
    basic: { authorization: basic(client.client_id, client.client_secret!) },
    forged: bearer(`${all.slice(0, -8)}${MARK}AAAAA`),
    twice: bearer(all)
  }
  const counts = async () => JSON.stringify((await sql`select (select count(*) from ships) as ships, (select count(*) from calls) as calls`.execute(resource.resourceDb)).rows)

  for (const target of targets) {
    await fc.assert(fc.asyncProperty(request(target), async ({ method, id, params, rawBody, contentType, accept, auth }) => {
      const before = await counts()
      const path = target.url.replace('{ship}', id === '{own}' ? ship : id).replace('{call}', id === '{own}' ? call : id)
      const search = [method === 'GET' || method === 'DELETE' ? query(params) : '', auth === 'twice' ? `access_token=${all}` : ''].filter(Boolean).join('&')
      const options: InjectOptions = {
        method,
        url: search ? `${path}?${search}` : path,
        headers: { ...authorizations[auth], ...(contentType && { 'content-type': contentType }), ...(accept !== undefined && { accept }) },
        ...(method !== 'GET' && method !== 'DELETE' && { payload: rawBody ?? JSON.stringify(Object.fromEntries(params)) })
      }
      const response = await resource.inject(options)
      const where = `${method} ${String(options.url).slice(0, 120)} → ${response.statusCode} ${response.body.slice(0, 200)}`
      if (response.statusCode >= 500) throw new Error(where)
      for (const [name, value] of Object.entries(response.headers)) {
        if (String(value).includes(MARK)) throw new Error(`reflected in ${name}: ${where}`)
      }
      if (response.statusCode < 400) return
      const body = response.json()
      const keys = Object.keys(body).filter((key) => key !== 'error' && key !== 'error_description')
      if (typeof body.error !== 'string' || keys.length > 0) throw new Error(`malformed error body: ${where}`)
      if (body.error_description !== undefined && (typeof body.error_description !== 'string' || !/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(body.error_description))) {
        throw new Error(`error_description outside RFC 6749's characters: ${where}`)
      }
      if (await counts() !== before) throw new Error(`written on a ${response.statusCode}: ${where}`)
    }), { numRuns: 100 })
    t.pass(`${target.method} ${target.url}`)
  }
})
