// Assertions that must not authenticate anyone: each is a valid one changed in one way, refused with the same
// 401 invalid_client that a wrong secret gets, and nothing more said; the unchanged assertion is accepted beside it.
import { createPublicKey } from 'node:crypto'
import t from 'tap'
import { basic, build, createClient, postForm } from '../helper.js'
import { assertion, assertionParameters, forged, ISSUER, keyClient, keyPair, tokenWith, type AssertionOptions } from './assertions.js'

const REFUSED = { error: 'invalid_client', error_description: 'client authentication failed' }

// Room for every refusal below within the failure limit; the limit itself is the last test's.
const ROOMY = { CLIENT_AUTH_MAX_FAILURES: '100' }

t.test('an assertion changed in one way is refused', async (t) => {
  const app = await build(t, ROOMY)
  const key = await keyPair('ES256')
  const client = await keyClient(app, [key])
  const id = client.client_id
  const now = Math.floor(Date.now() / 1000)

  t.equal((await tokenWith(app, await assertion(id, key))).statusCode, 200, 'unchanged, it is accepted')

  const changes: Record<string, AssertionOptions> = {
    'aud of another server': { claims: { aud: 'https://elsewhere.example' } },
    'aud as an array holding only the issuer': { claims: { aud: [ISSUER] } },
    'aud as an array holding the issuer and another': { claims: { aud: [ISSUER, 'https://elsewhere.example'] } },
    'aud naming the token endpoint': { claims: { aud: `${ISSUER}/token` } },
    'aud with a trailing slash': { claims: { aud: `${ISSUER}/` } },
    'no aud': { claims: { aud: undefined } },
    expired: { claims: { iat: now - 120, exp: now - 60 } },
    'no exp': { claims: { exp: undefined } },
    'exp ten minutes ahead': { claims: { iat: undefined, exp: now + 600 } },
    'exp - iat over five minutes': { claims: { iat: now - 200, exp: now + 200 } },
    'not valid before a minute from now': { claims: { nbf: now + 60 } },
    'no jti': { claims: { jti: undefined } },
    'a jti that is not a string': { claims: { jti: 42 } },
    'iss of another client': { claims: { iss: 'someone-else' } },
    'sub of another client': { claims: { sub: 'someone-else' } },
    'no sub': { claims: { sub: undefined } },
    'an unknown kid': { header: { kid: 'no-such-key' } }
  }
  for (const [name, change] of Object.entries(changes)) {
    const response = await tokenWith(app, await assertion(id, key, change), { client_id: id })
    t.equal(response.statusCode, 401, name)
    t.same(response.json(), REFUSED, `${name}: nothing said of why`)
    t.match(response.headers['www-authenticate'], /^Basic /)
  }
})

t.test('a forger without the private key gets nowhere', async (t) => {
  const app = await build(t, ROOMY)
  const key = await keyPair('RS256')
  const client = await keyClient(app, [key])
  const id = client.client_id
  const now = Math.floor(Date.now() / 1000)
  const claims = { iss: id, sub: id, aud: ISSUER, iat: now, exp: now + 60 }
  const publicPem = createPublicKey({ key: key.jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })

  const attempts = {
    'alg none': forged({ ...claims, jti: 'a' }, { alg: 'none', kid: key.kid }),
    'HS256 keyed with the public key (PEM)': forged({ ...claims, jti: 'b' }, { alg: 'HS256', kid: key.kid }, Buffer.from(publicPem)),
    'HS256 keyed with the public JWK': forged({ ...claims, jti: 'c' }, { alg: 'HS256', kid: key.kid }, Buffer.from(JSON.stringify(key.jwk))),
    'signed by a key of another client': await assertion(id, { ...(await keyPair('RS256')), kid: key.kid }),
    'not a JWT': 'eyJhbGciOiJSUzI1NiJ9.not-base64!.x',
    'a JWE-shaped value': 'a.b.c.d.e'
  }
  for (const [name, value] of Object.entries(attempts)) {
    const response = await tokenWith(app, value, { client_id: id })
    t.equal(response.statusCode, 401, name)
    t.same(response.json(), REFUSED, name)
  }
  const other = await keyClient(app, [await keyPair('RS256')])
  const withOthersKey = await tokenWith(app, await assertion(id, key), { client_id: other.client_id })
  t.equal(withOthersKey.statusCode, 401, "a valid assertion of one client does not authenticate another, though it names it")
})

t.test('one method per request, and each client the method it registered', async (t) => {
  const app = await build(t, ROOMY)
  const key = await keyPair()
  const keyed = await keyClient(app, [key])
  const secretive = await createClient(app)
  const signed = await assertion(keyed.client_id, key)

  const withSecret = await tokenWith(app, signed, { client_id: keyed.client_id, client_secret: 'anything' })
  t.equal(withSecret.statusCode, 400)
  t.same(withSecret.json(), { error: 'invalid_request', error_description: 'client credentials given by more than one method' })
  const withBasic = await postForm(app, '/token', { grant_type: 'client_credentials', ...assertionParameters(signed) },
    { authorization: basic(secretive.client_id, secretive.client_secret!) })
  t.equal(withBasic.statusCode, 400, 'an Authorization header beside an assertion')
  t.equal(withBasic.json().error, 'invalid_request')

  const noType = await postForm(app, '/token', { grant_type: 'client_credentials', client_assertion: await assertion(keyed.client_id, key) })
  t.same(noType.json(), { error: 'invalid_request', error_description: 'client_assertion needs client_assertion_type' })
  const otherType = await postForm(app, '/token', {
    grant_type: 'client_credentials', client_assertion: await assertion(keyed.client_id, key), client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer'
  })
  t.equal(otherType.json().error, 'invalid_request')
  const noAssertion = await postForm(app, '/token', {
    grant_type: 'client_credentials', client_id: keyed.client_id, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
  })
  t.equal(noAssertion.json().error, 'invalid_request')

  // A client registered for secrets cannot sign its way in, even with a well-formed assertion naming it.
  const secretClientKey = await keyPair()
  const bySignature = await tokenWith(app, await assertion(secretive.client_id, secretClientKey))
  t.equal(bySignature.statusCode, 401)
  t.equal(bySignature.json().error, 'invalid_client')
  // And a private_key_jwt client has no secret to give, nor may it come with only its id.
  const bySecret = await postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(keyed.client_id, 'guess') })
  t.equal(bySecret.statusCode, 401)
  const byIdAlone = await postForm(app, '/token', { grant_type: 'client_credentials', client_id: keyed.client_id })
  t.equal(byIdAlone.statusCode, 401)
  t.equal((await tokenWith(app, await assertion(keyed.client_id, key))).statusCode, 200, 'its own assertion still works')
})

t.test('an oversized assertion is refused before anything is verified', async (t) => {
  const app = await build(t)
  const key = await keyPair()
  const client = await keyClient(app, [key])
  const huge = await assertion(client.client_id, key, { claims: { padding: 'x'.repeat(9000) } })
  const response = await tokenWith(app, huge)
  t.equal(response.statusCode, 400)
  t.equal(response.json().error, 'invalid_request')
})

t.test('refused assertions count against the failure limit a wrong secret counts against', async (t) => {
  const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '2' })
  const key = await keyPair()
  const client = await keyClient(app, [key])
  for (const attempt of [1, 2]) {
    const response = await tokenWith(app, await assertion(client.client_id, key, { claims: { aud: 'https://elsewhere.example' } }))
    t.equal(response.statusCode, 401, `refused assertion ${attempt}`)
  }
  const limited = await tokenWith(app, await assertion(client.client_id, key))
  t.equal(limited.statusCode, 429, 'then even a good one waits')
  t.equal(limited.json().error, 'temporarily_unavailable')
  t.ok(Number(limited.headers['retry-after']) > 0)
})
