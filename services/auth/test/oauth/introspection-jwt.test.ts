// JWT introspection answers (RFC 9701): asked for by Accept, signed for the caller with its registered algorithm,
// verifiable with the published keys, holding exactly the JSON answer; JSON stays the default and errors stay JSON.
import t from 'tap'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { adminHeaders, basic, build, clientCredentialsToken, createClient, postForm, RESOURCE_AUDIENCE } from '../helper.js'

const JWT_TYPE = 'application/token-introspection+jwt'

t.test('introspection answers as JWTs', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const resource = await createClient(app, { client_name: 'resource', introspects: [RESOURCE_AUDIENCE] })
  const esResource = await createClient(app, {
    client_name: 'es resource', introspects: [RESOURCE_AUDIENCE], introspection_signed_response_alg: 'ES256'
  })
  const service = await createClient(app)
  const token = await clientCredentialsToken(app, service, 'ships:read')
  const introspect = (accept: string | undefined, caller = resource, which = token) =>
    postForm(app, '/introspect', { token: which }, { authorization: basic(caller.client_id, caller.client_secret!), ...(accept !== undefined && { accept }) })
  // Read each time: the RS256 key is made, and published, when it first signs.
  const verify = async (jwt: string, audience: string) =>
    jwtVerify(jwt, createLocalJWKSet((await app.inject({ url: '/jwks.json' })).json()),
      { issuer: app.config.issuer, audience, typ: 'token-introspection+jwt', algorithms: ['RS256', 'ES256'] })

  t.test('JSON stays the default, and is what every Accept but the JWT type gets', async (t) => {
    const expected = (await introspect(undefined)).json()
    t.equal(expected.active, true)
    for (const accept of [undefined, '*/*', 'application/json', 'application/*', 'text/html', 'application/jwt',
      `${JWT_TYPE};q=0`, `application/json, ${JWT_TYPE}`, `${JWT_TYPE};q=0.5, application/json`, 'not a media type']) {
      const response = await introspect(accept)
      t.equal(response.statusCode, 200, `${accept}`)
      t.match(response.headers['content-type'], /^application\/json/, `${accept}: JSON`)
      t.same(response.json(), expected, `${accept}: the same answer`)
      t.match(response.headers.vary, /accept/i, `${accept}: Vary names Accept`)
    }
  })

  t.test('asked for, the answer is a JWT for the caller that verifies with the published keys', async (t) => {
    const json = (await introspect(undefined)).json()
    for (const accept of [JWT_TYPE, `${JWT_TYPE}, application/json;q=0.9`, `application/json;q=0.1, ${JWT_TYPE}`]) {
      const response = await introspect(accept)
      t.equal(response.statusCode, 200, accept)
      t.equal(response.headers['content-type'], JWT_TYPE, accept)
      t.equal(response.headers['cache-control'], 'no-store')
      const { payload, protectedHeader } = await verify(response.body, resource.client_id)
      t.match(protectedHeader, { alg: 'RS256', typ: 'token-introspection+jwt', kid: String }, 'RS256 by default')
      t.same(Object.keys(payload).sort(), ['aud', 'iat', 'iss', 'token_introspection'])
      t.equal(payload.aud, resource.client_id)
      t.ok(Math.abs(payload.iat! - Date.now() / 1000) < 60)
      t.same(payload.token_introspection, json, 'the JSON answer, exactly')
    }
  })

  t.test('a client that registered ES256 gets ES256', async (t) => {
    const response = await introspect(JWT_TYPE, esResource)
    t.equal(decodeProtectedHeader(response.body).alg, 'ES256')
    const { payload } = await verify(response.body, esResource.client_id)
    t.match(payload.token_introspection, { active: true, client_id: service.client_id })
  })

  t.test('inactive answers are signed too, and say nothing more', async (t) => {
    const other = await createClient(app, { client_name: 'stranger' })
    for (const [what, caller, which] of [
      ['garbage', resource, 'not-a-token'],
      ["a token the caller may not see", other, token]
    ] as const) {
      const response = await introspect(JWT_TYPE, caller, which)
      t.equal(response.headers['content-type'], JWT_TYPE, what)
      const { payload } = await verify(response.body, caller.client_id)
      t.same(payload.token_introspection, { active: false }, what)
    }
  })

  t.test('a JWT signed for one caller is not accepted for another', async (t) => {
    const response = await introspect(JWT_TYPE)
    await t.resolves(verify(response.body, resource.client_id))
    await t.rejects(verify(response.body, esResource.client_id), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' })
  })

  t.test('errors stay JSON', async (t) => {
    const response = await postForm(app, '/introspect', { token }, { authorization: basic(resource.client_id, 'wrong'), accept: JWT_TYPE })
    t.equal(response.statusCode, 401)
    t.match(response.headers['content-type'], /^application\/json/)
    t.equal(response.json().error, 'invalid_client')
    const missing = await postForm(app, '/introspect', {}, { authorization: basic(resource.client_id, resource.client_secret!), accept: JWT_TYPE })
    t.equal(missing.statusCode, 400)
    t.equal(missing.json().error, 'invalid_request')
  })

  t.test('the algorithm is client metadata: RS256 by default, ES256 allowed, nothing else', async (t) => {
    t.equal(resource.introspection_signed_response_alg, 'RS256')
    t.equal(esResource.introspection_signed_response_alg, 'ES256')
    const registered = await app.inject({ method: 'POST', url: '/register', payload: { client_name: 'rs', grant_types: ['client_credentials'], introspection_signed_response_alg: 'ES256' } })
    t.equal(registered.json().introspection_signed_response_alg, 'ES256')
    for (const alg of ['none', 'HS256', 'PS256']) {
      const refused = await app.inject({ method: 'POST', url: '/admin/clients', headers: adminHeaders, payload: { client_name: 'x', introspection_signed_response_alg: alg } })
      t.equal(refused.statusCode, 400, alg)
      t.match(refused.json().error_description, /introspection_signed_response_alg/)
    }
    const metadata = (await app.inject({ url: '/.well-known/oauth-authorization-server' })).json()
    t.same(metadata.introspection_signing_alg_values_supported, ['RS256', 'ES256'])
  })
})
