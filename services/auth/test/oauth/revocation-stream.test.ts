// POST /revocations: the revocation channel as server-sent events, for confidential clients only, with bounded
// streams per client and per instance, with Redis and without it.
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import t, { type Test } from 'tap'
import { eventually } from '@keyhold/service-kit/testing'
import { buildApp } from '../../src/app.js'
import { adminHeaders, basic, clientCredentialsToken, createClient, isolatedConfig, postForm, REDIS_URL } from '../helper.js'
import { openStream } from './event-stream.js'

async function listening (t: Test, env: Record<string, string> = {}): Promise<{ app: FastifyInstance, url: string }> {
  const app = await buildApp(await isolatedConfig(t, env))
  t.teardown(() => app.close())
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) }
}

const credentials = (client: { client_id: string, client_secret?: string | null }) => ({ authorization: basic(client.client_id, client.client_secret!) })

t.test('only confidential clients, authenticated as for introspection, may open a stream', async (t) => {
  const { app, url } = await listening(t)
  const service = await createClient(app)

  const anonymous = await openStream(t, url, {})
  t.equal(anonymous.status, 401)
  t.match(JSON.parse(await anonymous.body()), { error: 'invalid_client' })
  t.match(anonymous.headers['www-authenticate'], /^Basic /)

  const wrong = await openStream(t, url, { authorization: basic(service.client_id, 'not-the-secret') })
  t.equal(wrong.status, 401)
  t.match(JSON.parse(await wrong.body()), { error: 'invalid_client' })

  const spa = await createClient(app, {
    client_name: 'spa', grant_types: ['authorization_code'], redirect_uris: ['https://spa.example/cb'], token_endpoint_auth_method: 'none'
  })
  const publicClient = await openStream(t, url, {}, new URLSearchParams({ client_id: spa.client_id }).toString())
  t.equal(publicClient.status, 401)
  t.match(JSON.parse(await publicClient.body()), { error: 'invalid_client', error_description: 'public clients cannot use this endpoint' })

  t.equal((await app.inject({ method: 'GET', url: '/revocations', headers: credentials(service) })).statusCode, 405, 'POST only')

  const poster = await createClient(app, { token_endpoint_auth_method: 'client_secret_post' })
  const posted = await openStream(t, url, {}, new URLSearchParams({ client_id: poster.client_id, client_secret: poster.client_secret! }).toString())
  t.equal(posted.status, 200, 'client_secret_post works as well as Basic')
  t.equal((await openStream(t, url, credentials(poster))).status, 401, 'each client only by its registered method')
})

for (const [mode, env] of [['with Redis', {}], ['without Redis', { REDIS_URL: '' }]] as const) {
  t.test(`${mode}: the stream is ready, then carries every revoked jti and every deleted client`, async (t) => {
    const { app, url } = await listening(t, env)
    const reader = await createClient(app)
    const stream = await openStream(t, url, credentials(reader))
    t.equal(stream.status, 200)
    t.match(stream.headers['content-type'], /^text\/event-stream/)
    t.equal(stream.headers['cache-control'], 'no-store')
    t.same(await stream.nextEvent(), { event: 'ready', data: '{"heartbeat":15}' })

    const holder = await createClient(app)
    const token = await clientCredentialsToken(app, holder)
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti
    t.equal((await postForm(app, '/revoke', { token }, credentials(holder))).statusCode, 200)
    t.same(await stream.nextEvent(), { event: 'revocation', data: jti })

    await app.inject({ method: 'DELETE', url: `/admin/clients/${holder.client_id}`, headers: adminHeaders })
    t.same(await stream.nextEvent(), { event: 'revocation', data: `client:${holder.client_id}` })
  })
}

t.test('a silent stream beats, and outlives the listener\'s request and idle limits', async (t) => {
  const { app, url } = await listening(t, { REVOCATION_STREAM_HEARTBEAT: '1', REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '500', KEEP_ALIVE_TIMEOUT_MS: '200' })
  const stream = await openStream(t, url, credentials(await createClient(app)))
  t.same(await stream.next(), { event: 'ready', data: '{"heartbeat":1}' })
  // Three beats a second apart: longer than a whole request may take, so only a stream exempt from that limit sees them.
  for (let beat = 0; beat < 3; beat++) t.same(await stream.next(), { event: 'comment', data: 'heartbeat' })
})

t.test('streams are bounded per client and per instance, and a closed one frees its place', async (t) => {
  const { app, url } = await listening(t, { REVOCATION_STREAMS_PER_CLIENT: '2', REVOCATION_STREAMS_MAX: '3' })
  const first = await createClient(app)
  const open = [await openStream(t, url, credentials(first)), await openStream(t, url, credentials(first))]
  for (const stream of open) t.equal((await stream.nextEvent())?.event, 'ready')

  const third = await openStream(t, url, credentials(first))
  t.equal(third.status, 429)
  t.equal(third.headers['retry-after'], '5')
  t.match(JSON.parse(await third.body()), { error: 'temporarily_unavailable' })

  const second = await createClient(app)
  t.equal((await openStream(t, url, credentials(second))).status, 200, 'another client has places of its own')
  const full = await openStream(t, url, credentials(await createClient(app)))
  t.equal(full.status, 503, 'the instance holds no more than its maximum')

  open[0]!.close()
  for (;;) {
    const again = await openStream(t, url, credentials(first))
    if (again.status === 200) break
    again.close()
    await new Promise((resolve) => setImmediate(resolve))
  }
  t.pass('the closed stream freed its place')
})

t.test("deleting the client ends its own stream: its credentials no longer stand", async (t) => {
  const { app, url } = await listening(t)
  const reader = await createClient(app)
  const stream = await openStream(t, url, credentials(reader))
  t.equal((await stream.nextEvent())?.event, 'ready')
  await app.inject({ method: 'DELETE', url: `/admin/clients/${reader.client_id}`, headers: adminHeaders })
  t.same(await stream.nextEvent(), { event: 'revocation', data: `client:${reader.client_id}` })
  t.equal(await stream.nextEvent(), undefined, 'then the stream ends')
})

t.test('stopping the service ends open streams rather than waiting on them', async (t) => {
  const { app, url } = await listening(t)
  const stream = await openStream(t, url, credentials(await createClient(app)))
  t.equal((await stream.nextEvent())?.event, 'ready')
  await app.close()
  t.equal(await stream.nextEvent(), undefined)
})

t.test('losing the Redis channel ends every stream, and new ones open once it is back', async (t) => {
  const { app, url } = await listening(t)
  const reader = await createClient(app)
  const stream = await openStream(t, url, credentials(reader))
  t.equal((await stream.nextEvent())?.event, 'ready')

  const redis = new Redis(REDIS_URL)
  t.teardown(() => redis.quit())
  const name = `revocation-streams:${app.config.redisPrefix}revocations`
  const line = (await redis.client('LIST') as string).split('\n').find((entry) => entry.includes(`name=${name} `))
  t.ok(line, 'the subscription has a connection of its own')
  await redis.client('KILL', 'ID', /(?:^| )id=(\d+)/.exec(line!)![1]!)
  t.equal(await stream.nextEvent(), undefined, 'the stream ends: its reader may have missed a notice')

  t.ok(await eventually(async () => {
    const again = await openStream(t, url, credentials(reader))
    const ready = again.status === 200 && (await again.nextEvent())?.event === 'ready'
    again.close()
    return ready
  }, { withinMs: 10_000, intervalMs: 50 }), 'a new stream is ready once the channel is back')
})
