// Registering a private_key_jwt client: public asymmetric keys only, by value (jwks) or by reference (jwks_uri, https
// or loopback), never both; no secret. Refused as invalid_client_metadata by the admin API and /register alike.
import { generateKeyPairSync } from 'node:crypto'
import t from 'tap'
import { exportJWK, generateKeyPair } from 'jose'
import { adminHeaders, build, createClient } from '../helper.js'
import { keyPair } from '../oauth/assertions.js'

const service = { client_name: 'signer', grant_types: ['client_credentials'], scope: 'ships:read', token_endpoint_auth_method: 'private_key_jwt' }

t.test('what a private_key_jwt client may register', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const ec = await keyPair('ES256')
  const rsa = await keyPair('RS256')
  const { privateKey: rsaPrivate } = await generateKeyPair('RS256', { extractable: true })
  const { privateKey: ecPrivate } = await generateKeyPair('ES256', { extractable: true })
  const smallRsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' })

  const refused: Array<[string, Record<string, unknown>]> = [
    ['an EC private key', { jwks: { keys: [await exportJWK(ecPrivate)] } }],
    ['an RSA private key', { jwks: { keys: [await exportJWK(rsaPrivate)] } }],
    ['a public key with only p and q added', { jwks: { keys: [{ ...rsa.jwk, p: 'AQAB', q: 'AQAB' }] } }],
    ['a symmetric key', { jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ' }] } }],
    ['an RSA key under 2048 bits', { jwks: { keys: [smallRsa] } }],
    ['an EC key on another curve', { jwks: { keys: [{ ...ec.jwk, crv: 'P-384' }] } }],
    ['a key that is not one', { jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }] } }],
    ['a key for encryption', { jwks: { keys: [{ ...ec.jwk, use: 'enc' }] } }],
    ['a key naming HS256', { jwks: { keys: [{ ...ec.jwk, alg: 'HS256' }] } }],
    ['two keys with one kid', { jwks: { keys: [ec.jwk, { ...(await keyPair('ES256')).jwk, kid: ec.kid }] } }],
    ['more than 10 keys', { jwks: { keys: Array(11).fill(ec.jwk) } }],
    ['an empty key set', { jwks: { keys: [] } }],
    ['both jwks and jwks_uri', { jwks: { keys: [ec.jwk] }, jwks_uri: 'https://rp.example/jwks' }],
    ['neither jwks nor jwks_uri', {}],
    ['an http jwks_uri', { jwks_uri: 'http://rp.example/jwks' }],
    ['an http jwks_uri to a private address', { jwks_uri: 'http://10.0.0.5/jwks' }],
    ['a jwks_uri with a fragment', { jwks_uri: 'https://rp.example/jwks#keys' }],
    ['a signing alg no key can make', { jwks: { keys: [ec.jwk] }, token_endpoint_auth_signing_alg: 'RS256' }],
    ['a symmetric signing alg', { jwks: { keys: [ec.jwk] }, token_endpoint_auth_signing_alg: 'HS256' }],
    ['alg none', { jwks: { keys: [ec.jwk] }, token_endpoint_auth_signing_alg: 'none' }]
  ]
  for (const [name, metadata] of refused) {
    for (const [url, headers] of [['/admin/clients', adminHeaders], ['/register', {}]] as const) {
      const response = await app.inject({ method: 'POST', url, headers, payload: { ...service, ...metadata } })
      t.equal(response.statusCode, 400, `${name} at ${url}`)
      t.match(response.json().error, /^invalid_(client_metadata|request)$/, `${name} at ${url}`)
      t.notMatch(response.body, /"(d|p|k)":|10\.0\.0\.5|rp\.example/, 'neither key material nor the URI is echoed')
    }
  }

  t.test('keys only with private_key_jwt', async (t) => {
    const response = await app.inject({
      method: 'POST', url: '/admin/clients', headers: adminHeaders,
      payload: { ...service, token_endpoint_auth_method: 'client_secret_basic', jwks: { keys: [ec.jwk] } }
    })
    t.equal(response.json().error, 'invalid_client_metadata')
  })

  t.test('accepted: a key set by value, or an https or loopback jwks_uri, and no secret', async (t) => {
    const byValue = await createClient(app, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [ec.jwk, rsa.jwk] }, token_endpoint_auth_signing_alg: 'ES256' })
    t.same(byValue.jwks, { keys: [ec.jwk, rsa.jwk] })
    t.equal(byValue.token_endpoint_auth_signing_alg, 'ES256')
    t.notOk('client_secret' in byValue)
    for (const uri of ['https://rp.example/.well-known/jwks.json', 'http://127.0.0.1:9000/jwks']) {
      const byReference = await app.inject({ method: 'POST', url: '/register', payload: { ...service, jwks_uri: uri } })
      t.equal(byReference.statusCode, 201)
      t.equal(byReference.json().jwks_uri, uri)
      t.notOk('client_secret' in byReference.json())
    }
    const read = await app.inject({ url: `/admin/clients/${byValue.client_id}`, headers: adminHeaders })
    t.match(read.json(), { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kid: ec.kid }, { kid: rsa.kid }] } })
  })

  t.test('a key client has no secret to renew, and does not turn into a secret client or back', async (t) => {
    const keyed = await createClient(app, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [ec.jwk] } })
    const secretive = await createClient(app)
    const renew = await app.inject({ method: 'POST', url: `/admin/clients/${keyed.client_id}/secret`, headers: adminHeaders })
    t.equal(renew.statusCode, 400)
    t.equal(renew.json().error, 'invalid_request')

    const toSecret = await app.inject({ method: 'PUT', url: `/admin/clients/${keyed.client_id}`, headers: adminHeaders, payload: { ...service, token_endpoint_auth_method: 'client_secret_basic' } })
    t.equal(toSecret.statusCode, 400)
    const toKey = await app.inject({ method: 'PUT', url: `/admin/clients/${secretive.client_id}`, headers: adminHeaders, payload: { ...service, jwks: { keys: [ec.jwk] } } })
    t.equal(toKey.statusCode, 400)

    const newKeys = await app.inject({ method: 'PUT', url: `/admin/clients/${keyed.client_id}`, headers: adminHeaders, payload: { ...service, jwks_uri: 'https://rp.example/jwks' } })
    t.equal(newKeys.statusCode, 200, 'its keys may change')
    t.equal(newKeys.json().jwks_uri, 'https://rp.example/jwks')
    t.notOk('jwks' in newKeys.json(), 'the old key set is gone')
  })
})
