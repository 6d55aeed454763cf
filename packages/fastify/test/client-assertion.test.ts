// private_key_jwt (RFC 7523 §2.2): the assertions the plugin signs, and how it sends them to the identity service.
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose'
import t from 'tap'
import { ASSERTION_LIFETIME, CLIENT_ASSERTION_TYPE, clientAssertions } from '../src/client-assertion.js'
import { bearer, protectedApi, startIdentity } from './helper.js'
import { identityStandIn } from './stand-in.js'

const ISSUER = 'https://id.example'

t.test('an assertion names the client as iss and sub, the issuer as its one audience, and lives a minute', async (t) => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const jwk = { ...await exportJWK(privateKey), kid: 'key-1' }
  const sign = clientAssertions({ clientId: 'api-client', privateKey: jwk, alg: 'ES256' }, ISSUER)
  const [first, second] = [await sign(), await sign()]

  t.same(decodeProtectedHeader(first!), { alg: 'ES256', kid: 'key-1' })
  const { payload } = await jwtVerify(first!, publicKey, { issuer: 'api-client', audience: ISSUER, subject: 'api-client' })
  t.equal(payload.aud, ISSUER, 'aud is a single string, not an array')
  t.equal(payload.exp! - payload.iat!, ASSERTION_LIFETIME)
  t.ok(ASSERTION_LIFETIME <= 60)
  t.match(payload.jti, /^[0-9a-f-]{36}$/)
  t.not(decodeJwt(second!).jti, payload.jti, 'never the same jti twice')
})

t.test('a KeyObject signs as well, with no kid to name', async (t) => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const assertion = await clientAssertions({ clientId: 'api-client', privateKey, alg: 'PS256' }, ISSUER)()
  t.same(decodeProtectedHeader(assertion), { alg: 'PS256' })
  t.equal((await jwtVerify(assertion, publicKey, { audience: ISSUER })).payload.sub, 'api-client')
})

t.test('introspection with private_key_jwt: a fresh assertion in the form, no Authorization header', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const claims = decodeJwt(token)
  const stand = await identityStandIn(t, identity, () => ({ status: 200, body: { active: true, token_type: 'Bearer', ...claims } }))
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const api = await protectedApi(t, identity, {
    url: stand.url,
    revocations: 'none',
    cache: { maxAge: 0 },
    credentials: { clientId: 'api-client', privateKey: await exportJWK(privateKey), alg: 'ES256' }
  })
  t.equal((await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })).statusCode, 200)
  t.equal((await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })).statusCode, 200)

  const introspections = stand.received.filter((request) => request.url === '/introspect')
  t.equal(introspections.length, 2)
  const jtis = new Set<unknown>()
  for (const request of introspections) {
    t.equal(request.headers.authorization, undefined)
    const form = new URLSearchParams(request.body)
    t.equal(form.get('client_id'), 'api-client')
    t.equal(form.get('client_assertion_type'), CLIENT_ASSERTION_TYPE)
    t.equal(form.get('token'), token)
    const { payload } = await jwtVerify(form.get('client_assertion')!, publicKey, { issuer: 'api-client', audience: identity.issuer })
    jtis.add(payload.jti)
  }
  t.equal(jtis.size, 2, 'one assertion per request')
})

t.test('a key that cannot sign answers 503, never 500 or "valid"', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const { publicKey } = await generateKeyPair('ES256', { extractable: true })
  const api = await protectedApi(t, identity, {
    revocations: 'none',
    credentials: { clientId: randomUUID(), privateKey: await exportJWK(publicKey), alg: 'ES256' }
  })
  const response = await api.inject({ method: 'GET', url: '/ships', headers: bearer(await identity.token(reader)) })
  t.equal(response.statusCode, 503)
  t.equal(response.json().error, 'temporarily_unavailable')
})
