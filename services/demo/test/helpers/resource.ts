// A small resource service that speaks the calls API: it takes the access tokens the real identity service issued,
// records every request and token, and can be told to reject the tokens it has seen (as if they were revoked).
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { decodeJwt } from 'jose'
import type { Test } from 'tap'
import type { Call } from '@keyhold/contracts'

const STARTED_AT = '2026-11-23T10:00:00.000Z'
/** A call as the resource service lists it. */
export const aCall = (id: string, number: string, status: Call['status'] = 'ongoing'): Call => ({ id, number, status, started_at: STARTED_AT })

export interface FakeResource {
  url: string
  calls: Call[]
  requests: { method: string, url: string }[]
  /** Every access token presented, in order. */
  tokens: string[]
  /** Tokens answered with 401 invalid_token. */
  rejected: Set<string>
}

export async function fakeResource (t: Test): Promise<FakeResource> {
  const app = Fastify()
  t.teardown(() => app.close())
  const fake: FakeResource = { url: '', calls: [], requests: [], tokens: [], rejected: new Set() }
  app.addHook('onRequest', async (request, reply) => {
    fake.requests.push({ method: request.method, url: request.url })
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    if (presented) fake.tokens.push(presented)
    if (!presented || fake.rejected.has(presented)) {
      return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send({ error: 'invalid_token' })
    }
  })
  app.get('/api/me', async (request) => {
    // The identity service's access tokens are JWTs (RFC 9068): the profile is what the token says.
    const claims = decodeJwt(request.headers.authorization!.slice('Bearer '.length))
    return { sub: claims.sub, client_id: claims.client_id, scope: claims.scope }
  })
  app.get('/api/calls', async () => ({ calls: fake.calls.filter((call) => call.status === 'ongoing') }))
  app.post<{ Body: { number: string } }>('/api/calls', async (request, reply) => {
    if (!/^\+[1-9][0-9]{1,14}$/.test(request.body.number)) return reply.code(400).send({ error: 'invalid_request', error_description: 'number is not a phone number' })
    const call: Call = { id: randomUUID(), number: request.body.number, status: 'ongoing', started_at: new Date().toISOString() }
    fake.calls.push(call)
    return reply.code(201).send(call)
  })
  app.put<{ Params: { id: string }, Body: { status: 'ended' } }>('/api/calls/:id', async (request, reply) => {
    const call = fake.calls.find((c) => c.id === request.params.id)
    if (!call) return reply.code(404).send({ error: 'not_found' })
    call.status = request.body.status
    return call
  })
  fake.url = await app.listen({ host: '127.0.0.1', port: 0 })
  return fake
}
