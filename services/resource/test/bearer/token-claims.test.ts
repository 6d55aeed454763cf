// The local check refuses tokens of another issuer or type, and an introspection answer must name this resource.
import t, { type Test } from 'tap'
import { signJwt } from '@keyhold/service-kit/jose'
import { bearer, buildResource, RESOURCE_AUDIENCE, standIn, startIdentity } from '../helper.js'

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString())

t.test("the resource service checks the token's iss, typ and the audience introspection names", async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const reader = await identity.client('ships:read')
  const get = (app: typeof resource, token: string) => app.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })
  const sign = async (claims: Record<string, unknown>, typ = 'at+jwt') => signJwt(claims, await identity.app.signing.signer('ES256'), typ)
  const claims = (extra: object = {}) => {
    const now = Math.floor(Date.now() / 1000)
    return {
      iss: identity.issuer, sub: reader.client_id, aud: RESOURCE_AUDIENCE, client_id: reader.client_id,
      scope: 'ships:read', jti: `jti-${Math.random()}`, iat: now, exp: now + 600, ...extra
    }
  }
  await get(resource, await identity.token(reader))

  const refusedLocally = async (t: Test, token: string, description: RegExp) => {
    const before = identity.introspections
    const response = await get(resource, token)
    t.equal(response.statusCode, 401)
    t.match(response.json(), { error: 'invalid_token', error_description: description })
    t.match(response.headers['www-authenticate'], /^Bearer realm="keyhold", error="invalid_token"/)
    t.equal(identity.introspections, before, 'never introspected')
  }

  t.test('a token of the right issuer and type reaches introspection', async (t) => {
    const before = identity.introspections
    t.equal((await get(resource, await sign(claims()))).statusCode, 401, 'unknown to the identity service')
    t.equal(identity.introspections, before + 1)
  })

  t.test('a token signed with the right key but another iss', async (t) => {
    await refusedLocally(t, await sign(claims({ iss: 'https://other-issuer.example' })), /not issued by the identity service/)
    await refusedLocally(t, await sign(claims({ iss: `${identity.issuer}/` })), /not issued by the identity service/)
  })

  t.test('a token without iss', async (t) => {
    const { iss: _iss, ...noIssuer } = claims()
    await refusedLocally(t, await sign(noIssuer), /not issued by the identity service/)
  })

  t.test('a token signed with the right key but not typ at+jwt (RFC 9068 §4)', async (t) => {
    for (const typ of ['JWT', 'application/jwt', 'at+JWT+x']) {
      const token = await sign(claims(), typ)
      const header = decode(token.split('.')[0]!)
      t.equal(header.typ, typ)
      t.ok(header.kid, 'names a published key, so only the type is wrong')
      await refusedLocally(t, token, /not valid/)
    }
  })

  t.test('an introspection answer that does not name this resource', async (t) => {
    const jwks = (await identity.app.inject({ method: 'GET', url: '/jwks.json' })).body
    let aud = 'https://elsewhere.example'
    const stand = await standIn(t, identity.issuer, (request, response) => {
      const token = request.url === '/introspect' ? undefined : jwks
      const answer = token ?? JSON.stringify({ active: true, token_type: 'Bearer', ...claims(), aud })
      response.writeHead(200, { 'content-type': 'application/json' }).end(answer)
    })
    const behindStandIn = await buildResource(t, identity, { AUTH_URL: stand, ISSUER: identity.issuer })
    const refused = await get(behindStandIn, await sign(claims()))
    t.equal(refused.statusCode, 401)
    t.same(refused.json(), { error: 'invalid_token', error_description: 'the access token is not meant for this resource' })

    aud = RESOURCE_AUDIENCE
    t.equal((await get(behindStandIn, await sign(claims()))).statusCode, 200, 'the same answer naming this resource is accepted')
  })
})
