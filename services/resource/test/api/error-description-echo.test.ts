// The resource service's errors never repeat request input, and every error_description, in the body and in the
// WWW-Authenticate challenge, keeps to RFC 6750 §3's characters: hostile values in each part of a request.
import type { InjectOptions } from 'fastify'
import t from 'tap'
import { asHeaderValue, echoProblems, hostileStrings } from '@keyhold/service-kit/testing'
import { bearer, buildResource, startIdentity } from '../helper.js'

const VALUES = hostileStrings(40)
const shown = (value: string) => JSON.stringify(value.slice(0, 60))
const SHIP = { name: 'Defiant', class: 'Defiant', affiliation: 'Federation', category: 'escort', crew: 50 }

t.test('no route repeats a hostile value in its error, and every description keeps to RFC 6750 characters', async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity, { ALLOW_QUERY_TOKEN: 'true' })
  const token = await identity.token(await identity.client('ships:read ships:write calls'))
  const reader = await identity.token(await identity.client('ships:read'))
  const as = (value: string = token) => bearer(value)
  const json = (method: 'POST' | 'PUT', url: string, payload: string | object, headers = as()): InjectOptions =>
    ({ method, url, headers: { 'content-type': 'application/json', ...headers }, payload })

  const cases: Record<string, (value: string) => InjectOptions> = {
    'the bearer token': (value) => ({ method: 'GET', url: '/api/ships', headers: { authorization: `Bearer ${asHeaderValue(value)}` } }),
    'the Authorization header': (value) => ({ method: 'GET', url: '/api/ships', headers: { authorization: asHeaderValue(value) } }),
    'the access_token query parameter': (value) => ({ method: 'GET', url: `/api/ships?access_token=${encodeURIComponent(value)}` }),
    'a query parameter': (value) => ({ method: 'GET', url: `/api/ships?limit=${encodeURIComponent(value)}`, headers: as() }),
    'a malformed query parameter': (value) => ({ method: 'GET', url: `/api/ships?cursor=${encodeURIComponent(value)}`, headers: as() }),
    'a path id': (value) => ({ method: 'GET', url: `/api/ships/${encodeURIComponent(value)}`, headers: as() }),
    'a malformed URL': (value) => ({ method: 'GET', url: `/api/ships/${encodeURIComponent(value)}%zz`, headers: as() }),
    'an unknown path': (value) => ({ method: 'GET', url: `/api/${encodeURIComponent(value)}`, headers: as() }),
    'a body field': (value) => json('POST', '/api/ships', { ...SHIP, crew: value }),
    'a body that is not JSON': (value) => json('POST', '/api/ships', value),
    'a call number': (value) => json('POST', '/api/calls', { number: value }),
    'a call status': (value) => json('PUT', '/api/calls/00000000-0000-4000-8000-000000000000', { status: value }),
    'the content type': (value) => ({ method: 'POST', url: '/api/ships', headers: { ...as(), 'content-type': asHeaderValue(value) }, payload: JSON.stringify(SHIP) }),
    'the Accept header': (value) => ({ method: 'GET', url: '/api/calls/00000000-0000-4000-8000-000000000000', headers: { ...as(), accept: asHeaderValue(value) } }),
    'a write with too little scope': (value) => json('POST', '/api/ships', { ...SHIP, name: value.slice(0, 100) }, as(reader))
  }

  for (const [name, request] of Object.entries(cases)) {
    t.test(name, async (t) => {
      for (const value of VALUES) {
        const response = await resource.inject(request(value))
        t.ok(response.statusCode >= 400, `${shown(value)} is refused`)
        t.same(echoProblems(response), [], shown(value))
      }
    })
  }
})
