// Behind a load balancer: sign-in throttles count the client address a trusted proxy forwards, and only a trusted
// proxy's X-Forwarded-For is believed. TRUST_PROXY is checked when the service starts.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ClientWithSecret } from '@keyhold/contracts'
import { loadConfig } from '../../src/config.js'
import { signUp } from '../browser.js'
import { basic, build, FORM, form } from '../helper.js'
import { createAccountClient } from './fixtures.js'

const PROXY = '10.0.0.2'

const wrongPassword = (app: FastifyInstance, client: ClientWithSecret, username: string, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST', url: '/token', remoteAddress,
    headers: { ...FORM, authorization: basic(client.client_id, client.client_secret!), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    payload: form({ grant_type: 'password', username, password: 'a guessed password' })
  })

const blockedAfter = async (app: FastifyInstance, client: ClientWithSecret, send: (i: number) => Promise<{ statusCode: number }>) => {
  for (let i = 0; i < 3; i++) await send(i)
  return (await send(99)).statusCode === 429
}

t.test('through a trusted proxy, each forwarded client address has its own limit', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3', TRUST_PROXY: `${PROXY},127.0.0.1` })
  const client = await createAccountClient(app)
  t.ok(await blockedAfter(app, client, (i) => wrongPassword(app, client, `a-${i}`, PROXY, '198.51.100.1')), 'one client address is blocked')
  const carol = await signUp(app)
  const other = await app.inject({
    method: 'POST', url: '/token', remoteAddress: PROXY,
    headers: { ...FORM, authorization: basic(client.client_id, client.client_secret!), 'x-forwarded-for': '198.51.100.2' },
    payload: form({ grant_type: 'password', username: carol.username, password: carol.password })
  })
  t.equal(other.statusCode, 200, 'another client behind the same proxy is not')
  t.ok(await blockedAfter(app, client, (i) => wrongPassword(app, client, `b-${i}`, PROXY, `203.0.113.9, 10.9.9.9, ${'198.51.100.3'}`)),
    'the address the proxy appended counts, not what the client wrote before it')
  t.equal((await wrongPassword(app, client, 'c', PROXY, '203.0.113.9, 198.51.100.4')).statusCode, 400,
    'a client naming a blocked address first is not blocked for it')
})

t.test('a hop count believes that many proxies, nearest first', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3', TRUST_PROXY: '1' })
  const client = await createAccountClient(app)
  t.ok(await blockedAfter(app, client, (i) => wrongPassword(app, client, `h-${i}`, PROXY, `203.0.113.${i}, 198.51.100.5`)),
    'the address one hop out counts; what the client wrote before it does not')
  t.equal((await wrongPassword(app, client, 'h', PROXY, '198.51.100.6')).statusCode, 400, 'another client address is not blocked')
})

t.test('a forwarded header from any other peer is ignored', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3', TRUST_PROXY: PROXY })
  const client = await createAccountClient(app)
  t.ok(await blockedAfter(app, client, (i) => wrongPassword(app, client, `d-${i}`, '192.0.2.50', `198.51.100.${i + 10}`)),
    'an untrusted peer rotating X-Forwarded-For is still one address')
})

t.test('without TRUST_PROXY, no forwarded header is believed', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' })
  const client = await createAccountClient(app)
  t.ok(await blockedAfter(app, client, (i) => wrongPassword(app, client, `e-${i}`, PROXY, `198.51.100.${i + 20}`)))
})

t.test('TRUST_PROXY is a hop count or addresses and subnets', async (t) => {
  const env = { AUTH_SECRET: 'a'.repeat(32), ADMIN_TOKEN: 'b'.repeat(32) }
  t.equal(loadConfig({ ...env }).trustProxy, undefined, 'unset by default')
  t.equal(loadConfig({ ...env, TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).trustProxy, '10.0.0.0/8, fd00::/8,loopback')
  for (const value of ['true', '*', '0', '11', '10.0.0.0/33', '10.0.0.1/8/1', 'proxy.example', ',', '::1/129', '10.0.0.256']) {
    t.throws(() => loadConfig({ ...env, TRUST_PROXY: value }), { name: 'ConfigError', message: /TRUST_PROXY/ }, value)
  }
})
