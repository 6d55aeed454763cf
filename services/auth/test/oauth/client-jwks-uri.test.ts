// A private_key_jwt client that publishes its keys at a jwks_uri: fetched once for a burst, used for a while, fetched
// again for a kid it lacks at most once per interval, and refused whenever the set cannot be had as the rules allow.
import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { exportJWK, type JWK } from 'jose'
import { build } from '../helper.js'
import { receiver, type Receiver } from '../delivery/receiver.js'
import { assertion, jwksUriClient, keyPair, tokenWith, type KeyPair } from './assertions.js'

/** A client's key endpoint publishing whatever `published` holds when it is asked. */
async function keyEndpoint (t: Test, published: { keys: JWK[] }, delayMs = 0): Promise<Receiver> {
  return receiver(t, (res: ServerResponse) => {
    const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published))
    if (delayMs > 0) setTimeout(send, delayMs)
    else send()
  })
}

const status = async (promise: ReturnType<typeof tokenWith>) => (await promise).statusCode
const gets = (endpoint: Receiver) => endpoint.received.filter((request) => request.method === 'GET' && request.url === '/jwks').length

t.test('keys by reference, with each kind of key', async (t) => {
  const app = await build(t)
  for (const alg of ['ES256', 'RS256'] as const) {
    const key = await keyPair(alg)
    const endpoint = await keyEndpoint(t, { keys: [key.jwk] })
    const client = await jwksUriClient(app, `${endpoint.url}/jwks`)
    t.equal(client.jwks_uri, `${endpoint.url}/jwks`)
    for (let i = 0; i < 3; i++) t.equal(await status(tokenWith(app, await assertion(client.client_id, key))), 200, `${alg} assertion ${i + 1}`)
    t.equal(gets(endpoint), 1, `${alg}: the set is fetched once and kept`)
  }
})

t.test('a burst of assertions fetches the set once', async (t) => {
  const app = await build(t)
  const key = await keyPair()
  const endpoint = await keyEndpoint(t, { keys: [key.jwk] }, 100)
  const client = await jwksUriClient(app, `${endpoint.url}/jwks`)
  const assertions = await Promise.all(Array.from({ length: 10 }, () => assertion(client.client_id, key)))
  const statuses = await Promise.all(assertions.map((signed) => status(tokenWith(app, signed))))
  t.same(statuses, Array(10).fill(200))
  t.equal(gets(endpoint), 1)
})

t.test('a kid the set lacks fetches it again, at most once per interval; a withdrawn key stops at the set\'s max age', async (t) => {
  const app = await build(t, { CLIENT_JWKS_REFRESH_INTERVAL: '1', CLIENT_JWKS_MAX_AGE: '3', CLIENT_AUTH_MAX_FAILURES: '100' })
  const [first, second] = [await keyPair('ES256'), await keyPair('ES256')]
  const published = { keys: [first.jwk] }
  const endpoint = await keyEndpoint(t, published)
  const client = await jwksUriClient(app, `${endpoint.url}/jwks`)
  const tryWith = async (key: KeyPair) => status(tokenWith(app, await assertion(client.client_id, key)))

  t.equal(await tryWith(second), 401, 'an unknown kid, just after the first fetch, is refused')
  t.equal(gets(endpoint), 1, 'and fetches nothing more')
  published.keys.push(second.jwk)
  t.equal(await tryWith(second), 401, 'within the interval, the new key is not looked for')
  t.equal(gets(endpoint), 1)
  await sleep(1100)
  t.equal(await tryWith(second), 200, 'after it, the new key is fetched')
  t.equal(gets(endpoint), 2)
  t.equal(await tryWith(await keyPair('ES256')), 401, 'a forged kid right after that')
  t.equal(gets(endpoint), 2, 'fetches nothing')

  published.keys = [second.jwk]
  t.equal(await tryWith(first), 200, 'a withdrawn key still verifies while the set is fresh')
  await sleep(3100)
  t.equal(await tryWith(first), 401, 'and no longer once the set was fetched again')
  t.equal(await tryWith(second), 200)
})

t.test('a set that cannot be had as the rules allow authenticates nobody', async (t) => {
  const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '100' })
  const key = await keyPair()
  const refusedWhenServed = async (name: string, respond: (res: ServerResponse) => void) => {
    const endpoint = await receiver(t, respond)
    const client = await jwksUriClient(app, `${endpoint.url}/jwks`)
    const response = await tokenWith(app, await assertion(client.client_id, key))
    t.equal(response.statusCode, 401, name)
    t.same(response.json(), { error: 'invalid_client', error_description: 'client authentication failed' }, name)
  }
  const json = (body: string) => (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(body)

  await refusedWhenServed('an error status', (res) => res.writeHead(500).end(JSON.stringify({ keys: [key.jwk] })))
  await refusedWhenServed('not JSON', json('<html>'))
  await refusedWhenServed('not a key set', json(JSON.stringify([key.jwk])))
  await refusedWhenServed('more than 64 KiB', json(JSON.stringify({ keys: [key.jwk], padding: 'x'.repeat(70 * 1024) })))
  await refusedWhenServed('the key with its private half', json(JSON.stringify({ keys: [{ ...await exportJWK(key.privateKey), kid: key.kid }] })))
  await refusedWhenServed('a symmetric key', json(JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: key.kid }] })))

  const elsewhere = await keyEndpoint(t, { keys: [key.jwk] })
  await refusedWhenServed('a redirect, which is not followed', (res) => res.writeHead(302, { location: `${elsewhere.url}/jwks` }).end())
  t.equal(elsewhere.received.length, 0, 'the redirect\'s target never hears of it')
})

t.test('an internal address is not fetched unless the issuer is itself a loopback http URL', async (t) => {
  const issuer = 'https://auth.example'
  const app = await build(t, { ISSUER: issuer })
  const key = await keyPair()
  const endpoint = await keyEndpoint(t, { keys: [key.jwk] })
  const client = await jwksUriClient(app, `${endpoint.url}/jwks`)
  const response = await tokenWith(app, await assertion(client.client_id, key, { claims: { aud: issuer } }))
  t.equal(response.statusCode, 401)
  t.equal(endpoint.received.length, 0, 'nothing was sent to the loopback address')
})
