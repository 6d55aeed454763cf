import t from 'tap'
import { MAX_TOKEN_LENGTH } from '@keyhold/fastify'
import { signJwt } from '@keyhold/service-kit/jose'
import { RESOURCE_AUDIENCE, bearer, buildResource, startIdentity } from '../helper.js'

const challenge = (error: string) => new RegExp(`^Bearer realm="keyhold", error="${error}", error_description="[^"]+"`)

t.test('bearer tokens are checked against the identity service (RFC 6750)', async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const reader = await identity.client('ships:read ships:write')
  const get = (headers: Record<string, string> = {}) => resource.inject({ method: 'GET', url: '/api/ships', headers })

  t.test('a valid token with the right scope is served', async (t) => {
    const response = await get(bearer(await identity.token(reader, 'ships:read')))
    t.equal(response.statusCode, 200)
    t.equal(response.headers['cache-control'], 'no-store')
  })

  t.test('the scheme name is case-insensitive', async (t) => {
    const token = await identity.token(reader, 'ships:read')
    t.equal((await get({ authorization: `bEaReR ${token}` })).statusCode, 200)
  })

  t.test('no token: 401 with a bare challenge', async (t) => {
    const response = await get()
    t.equal(response.statusCode, 401)
    t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
    t.match(response.json(), { error: 'unauthorized', error_description: String })
  })

  t.test('the scheme and the token may be separated by several spaces (1*SP)', async (t) => {
    const token = await identity.token(reader, 'ships:read')
    t.equal((await get({ authorization: `Bearer   ${token}` })).statusCode, 200)
  })

  t.test('another scheme counts as no token, even one that mentions bearer', async (t) => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Token bearer abc']) {
      const response = await get({ authorization })
      t.equal(response.statusCode, 401, authorization)
      t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
      t.equal(response.json().error, 'unauthorized')
    }
  })

  t.test('a malformed Bearer credential is a bad request', async (t) => {
    for (const authorization of ['Bearer', 'Bearer two words', 'Bearer a,b']) {
      const response = await get({ authorization })
      t.equal(response.statusCode, 400, authorization)
      t.equal(response.json().error, 'invalid_request')
      t.match(response.headers['www-authenticate'], challenge('invalid_request'))
    }
  })

  t.test('a valid token after junk in the header is not picked out of it', async (t) => {
    const token = await identity.token(reader, 'ships:read')
    const before = identity.introspections
    const response = await get({ authorization: `Bearer junk Bearer ${token}` })
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
    t.equal(identity.introspections, before)
  })

  t.test('garbage is invalid_token and never reaches introspection', async (t) => {
    const before = identity.introspections
    for (const token of ['not-a-token', 'eyJhbGciOiJub25lIn0.e30.', 'a'.repeat(5000)]) {
      const response = await get(bearer(token))
      t.equal(response.statusCode, 401)
      t.equal(response.json().error, 'invalid_token')
      t.match(response.headers['www-authenticate'], challenge('invalid_token'))
    }
    t.equal(identity.introspections, before)
  })

  t.test('an oversized token is refused unread, even one signed with a real key', async (t) => {
    const now = Math.floor(Date.now() / 1000)
    const token = await signJwt({
      iss: identity.issuer, sub: reader.client_id, aud: RESOURCE_AUDIENCE, client_id: reader.client_id,
      scope: 'ships:read', jti: 'oversized', iat: now, exp: now + 600, padding: 'x'.repeat(MAX_TOKEN_LENGTH)
    }, await identity.app.signing.signer('ES256'), 'at+jwt')
    const before = identity.introspections
    const response = await get(bearer(token))
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_token', error_description: 'the access token is not valid' })
    t.equal(identity.introspections, before, 'not sent to introspection')
  })

  t.test('a forged signature is refused locally', async (t) => {
    const [header, payload] = (await identity.token(reader, 'ships:read')).split('.')
    const before = identity.introspections
    const response = await get(bearer(`${header}.${payload}.${Buffer.alloc(64, 7).toString('base64url')}`))
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_token')
    t.equal(identity.introspections, before)
  })

  t.test('an expired token signed with a real key is refused locally', async (t) => {
    const now = Math.floor(Date.now() / 1000)
    const token = await signJwt({
      iss: 'http://127.0.0.1:4000', sub: reader.client_id, aud: 'http://127.0.0.1:4001', client_id: reader.client_id,
      scope: 'ships:read', jti: 'expired-jti', iat: now - 3600, exp: now - 60
    }, await identity.app.signing.signer('ES256'), 'at+jwt')
    const before = identity.introspections
    const response = await get(bearer(token))
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_token', error_description: 'the access token has expired' })
    t.equal(identity.introspections, before)
  })

  t.test('a well-signed token the identity service does not know is inactive', async (t) => {
    const now = Math.floor(Date.now() / 1000)
    const token = await signJwt({
      iss: 'http://127.0.0.1:4000', sub: reader.client_id, aud: 'http://127.0.0.1:4001', client_id: reader.client_id,
      scope: 'ships:read', jti: 'never-issued', iat: now, exp: now + 600
    }, await identity.app.signing.signer('ES256'), 'at+jwt')
    const response = await get(bearer(token))
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_token', error_description: 'the access token is not active' })
  })

  t.test("a token whose client was removed is inactive", async (t) => {
    const doomed = await identity.client('ships:read')
    const token = await identity.token(doomed)
    await identity.deleteClient(doomed)
    const response = await get(bearer(token))
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_token')
  })

  t.test('a token without the scope: 403 insufficient_scope naming it', async (t) => {
    const response = await get(bearer(await identity.token(reader, 'ships:write')))
    t.equal(response.statusCode, 403)
    t.equal(response.headers['www-authenticate'],
      'Bearer realm="keyhold", error="insufficient_scope", error_description="this request needs the scope \'ships:read\'", scope="ships:read"')
    t.same(response.json(), { error: 'insufficient_scope', error_description: "this request needs the scope 'ships:read'" })
  })

  t.test('a token for another audience is refused before introspection', async (t) => {
    const elsewhere = await buildResource(t, identity, { AUDIENCE: 'https://elsewhere.example' })
    const token = await identity.token(reader, 'ships:read')
    const before = identity.introspections
    const response = await elsewhere.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_token', error_description: 'the access token is not meant for this resource' })
    t.equal(identity.introspections, before)
  })
})
