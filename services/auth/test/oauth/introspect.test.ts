import t, { type Test } from 'tap'
import { sha256 } from '../../src/crypto/hash.js'
import { basic, build, clientCredentialsToken, createClient, postForm, RESOURCE_AUDIENCE } from '../helper.js'

t.test('introspection (RFC 7662)', async (t) => {
  const app = await build(t)
  const resource = await createClient(app, { client_name: 'resource server', introspects: [RESOURCE_AUDIENCE] })
  const caller = { authorization: basic(resource.client_id, resource.client_secret!) }
  const service = await createClient(app)
  const introspect = (token: string, headers = caller) => postForm(app, '/introspect', { token }, headers)

  t.test('an active token: its full claim set', async (t) => {
    const token = await clientCredentialsToken(app, service, 'ships:read')
    const response = await introspect(token)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['cache-control'], 'no-store')
    t.match(response.json(), {
      active: true, token_type: 'Bearer', client_id: service.client_id, sub: service.client_id,
      scope: 'ships:read', iss: app.config.issuer, aud: RESOURCE_AUDIENCE, jti: String, iat: Number, exp: Number
    })
  })

  t.test('the caller must authenticate', async (t) => {
    const token = await clientCredentialsToken(app, service)
    const response = await introspect(token, { authorization: basic(resource.client_id, 'wrong') })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_client')
    t.equal((await postForm(app, '/introspect', { token })).statusCode, 401)
  })

  const inactive = async (t: Test, token: string) => {
    const response = await introspect(token)
    t.equal(response.statusCode, 200)
    t.equal(response.body, '{"active":false}')
  }

  t.test('garbage → exactly {"active":false}', (t) => inactive(t, 'not-a-token'))
  t.test('a malformed JWT → exactly {"active":false}', (t) => inactive(t, 'eyJhbGciOiJub25lIn0.e30.'))

  t.test('a forged token with a real jti → inactive', async (t) => {
    const token = await clientCredentialsToken(app, service)
    const [header, payload] = token.split('.')
    await inactive(t, `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`)
  })

  t.test('an expired token → exactly {"active":false}', async (t) => {
    const token = await clientCredentialsToken(app, service)
    const { claims } = (await app.stores.accessTokens.find(sha256(token)))!
    await app.stores.accessTokens.save(sha256(token), { claims: { ...claims, exp: claims.iat - 1 } }, 60)
    await inactive(t, token)
  })

  t.test('a revoked token → exactly {"active":false}', async (t) => {
    const token = await clientCredentialsToken(app, service)
    const revoked = await postForm(app, '/revoke', { token }, { authorization: basic(service.client_id, service.client_secret!) })
    t.equal(revoked.statusCode, 200)
    await inactive(t, token)
  })

  t.test('a token of a deleted client → inactive', async (t) => {
    const doomed = await createClient(app)
    const token = await clientCredentialsToken(app, doomed)
    await app.inject({ method: 'DELETE', url: `/admin/clients/${doomed.client_id}`, headers: { authorization: `Bearer ${app.config.adminToken}` } })
    await inactive(t, token)
  })

  t.test('a public client cannot introspect', async (t) => {
    const spa = await createClient(app, {
      token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], redirect_uris: ['https://spa.example/cb']
    })
    const token = await clientCredentialsToken(app, service)
    const response = await postForm(app, '/introspect', { token, client_id: spa.client_id })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_client')
  })
})
