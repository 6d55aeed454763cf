// private_key_jwt (RFC 7523 §2.2, OpenID Connect Core §9): a client signs an assertion with its private key and is
// authenticated by it at every endpoint that authenticates clients, with each kind of key it may register.
import t from 'tap'
import { build, decodeJwt, postForm } from '../helper.js'
import { assertion, assertionParameters, keyClient, keyPair, tokenWith } from './assertions.js'

const REDIRECT_URI = 'https://app.example/callback'

t.test('a client authenticates with an assertion signed by its registered key', async (t) => {
  const app = await build(t)
  for (const alg of ['ES256', 'RS256', 'PS256', 'EdDSA'] as const) {
    t.test(`${alg}, at every endpoint`, async (t) => {
      const key = await keyPair(alg)
      const client = await keyClient(app, [key], {
        grant_types: ['client_credentials', 'authorization_code'], redirect_uris: [REDIRECT_URI], scope: 'ships:read'
      })
      const id = client.client_id
      t.equal(client.token_endpoint_auth_method, 'private_key_jwt')
      t.notOk('client_secret' in client, 'no secret is issued')

      const issued = await tokenWith(app, await assertion(id, key))
      t.equal(issued.statusCode, 200)
      t.equal(issued.headers['cache-control'], 'no-store')
      const token = issued.json().access_token
      t.match(decodeJwt(token).payload, { sub: id, client_id: id, scope: 'ships:read' })

      const introspected = await postForm(app, '/introspect', { token, ...assertionParameters(await assertion(id, key)) })
      t.match(introspected.json(), { active: true, client_id: id })

      const pushed = await postForm(app, '/par', {
        response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'ships:read', state: 's',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
        ...assertionParameters(await assertion(id, key))
      })
      t.equal(pushed.statusCode, 201)
      t.match(pushed.json(), { request_uri: /^urn:ietf:params:oauth:request_uri:/ })

      const revoked = await postForm(app, '/revoke', { token, ...assertionParameters(await assertion(id, key)) })
      t.equal(revoked.statusCode, 200)
      const after = await postForm(app, '/introspect', { token, ...assertionParameters(await assertion(id, key)) })
      t.same(after.json(), { active: false }, 'the revocation took effect')
    })
  }
})

t.test('client_id may name the client beside the assertion, and must name the one the assertion is from', async (t) => {
  const app = await build(t)
  const key = await keyPair()
  const client = await keyClient(app, [key])
  const other = await keyClient(app, [await keyPair()])
  t.equal((await tokenWith(app, await assertion(client.client_id, key), { client_id: client.client_id })).statusCode, 200)
  const mismatched = await tokenWith(app, await assertion(client.client_id, key), { client_id: other.client_id })
  t.equal(mismatched.statusCode, 401)
  t.same(mismatched.json(), { error: 'invalid_client', error_description: 'client authentication failed' })
})

t.test('a key is found without a kid among several, and the registered algorithm alone is accepted', async (t) => {
  const app = await build(t)
  const [ec, rsa] = [await keyPair('ES256'), await keyPair('RS256')]
  const client = await keyClient(app, [{ ...ec, jwk: { ...ec.jwk, kid: undefined } }, rsa])
  const noKid = await assertion(client.client_id, ec, { header: { kid: undefined } })
  t.equal((await tokenWith(app, noKid)).statusCode, 200, 'the one EC key is tried')
  const rsaNoKid = await assertion(client.client_id, rsa, { header: { kid: undefined } })
  t.equal((await tokenWith(app, rsaNoKid)).statusCode, 200, 'the RSA key, named by no kid, is tried too')

  const pinned = await keyClient(app, [ec, rsa], { token_endpoint_auth_signing_alg: 'ES256' })
  t.equal((await tokenWith(app, await assertion(pinned.client_id, ec))).statusCode, 200)
  const otherAlg = await tokenWith(app, await assertion(pinned.client_id, rsa))
  t.equal(otherAlg.statusCode, 401, 'RS256 by a client registered for ES256')
})

t.test('two EC keys without kids: whichever signed, it verifies', async (t) => {
  const app = await build(t)
  const [first, second] = [await keyPair('ES256'), await keyPair('ES256')]
  const unnamed = [first, second].map((key) => ({ ...key, jwk: { ...key.jwk, kid: undefined } }))
  const client = await keyClient(app, unnamed)
  for (const key of unnamed) {
    t.equal((await tokenWith(app, await assertion(client.client_id, key, { header: { kid: undefined } }))).statusCode, 200)
  }
})
