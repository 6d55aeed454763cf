// Which requests a protected route admits, what it tells the others (RFC 6750 §3), and the token's claims on the request.
import t from 'tap'
import { AUDIENCE, bearer, protectedApi, startIdentity } from './helper.js'

t.test('a protected route', async (t) => {
  const identity = await startIdentity(t)
  const api = await protectedApi(t, identity)
  const reader = await identity.client('ships:read ships:write')
  const get = (url: string, headers: Record<string, string> = {}) => api.inject({ method: 'GET', url, headers })

  t.test('admits an active token for this API with the scope, its claims on the request', async (t) => {
    const response = await get('/ships', bearer(await identity.token(reader, 'ships:read')))
    t.equal(response.statusCode, 200)
    t.match(response.json(), {
      sub: reader.client_id, clientId: reader.client_id, scope: 'ships:read', scopes: ['ships:read'], audience: [AUDIENCE], jti: String, exp: Number
    })
    t.notOk('act' in response.json(), 'no actor on a token nobody acts on')
  })

  t.test('answers a request without a token with a bare challenge', async (t) => {
    const response = await get('/ships')
    t.equal(response.statusCode, 401)
    t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
    t.same(response.json(), { error: 'unauthorized', error_description: 'a bearer access token is required' })
    t.equal(response.headers['cache-control'], 'no-store')
  })

  t.test('refuses a token meant for another API: 401 invalid_token', async (t) => {
    const elsewhere = await identity.issue({ sub: 'u', client_id: reader.client_id, scope: 'ships:read', aud: 'https://other-api.example' })
    const before = identity.introspections
    const response = await get('/ships', bearer(elsewhere))
    t.equal(response.statusCode, 401)
    t.same(response.json(), { error: 'invalid_token', error_description: 'the access token is not meant for this resource' })
    t.match(response.headers['www-authenticate'], /^Bearer realm="keyhold", error="invalid_token"/)
    t.equal(identity.introspections, before, 'refused before introspection')
  })

  t.test('refuses a token without the scope: 403 insufficient_scope naming it in the challenge', async (t) => {
    const writer = await identity.client('ships:write')
    const response = await get('/ships', bearer(await identity.token(writer)))
    t.equal(response.statusCode, 403)
    t.equal(response.json().error, 'insufficient_scope')
    t.equal(response.headers['www-authenticate'],
      'Bearer realm="keyhold", error="insufficient_scope", error_description="this request needs the scope \'ships:read\'", scope="ships:read"')
    t.equal((await get('/me', bearer(await identity.token(writer)))).statusCode, 200, 'a route naming no scope takes any token of ours')
  })

  t.test('refuses a revoked, a forged and a malformed token, and a token sent twice', async (t) => {
    const token = await identity.token(reader)
    await identity.revoke(reader, token)
    t.equal((await get('/ships', bearer(token))).json().error, 'invalid_token')
    const [header, payload] = (await identity.token(reader)).split('.')
    t.equal((await get('/ships', bearer(`${header}.${payload}.${'A'.repeat(86)}`))).statusCode, 401)
    const malformed = await get('/ships', { authorization: 'Bearer a b' })
    t.equal(malformed.statusCode, 400)
    t.equal(malformed.json().error, 'invalid_request')
    const twice = await get(`/ships?access_token=${token}`, bearer(token))
    t.equal(twice.statusCode, 400)
  })

  t.test('takes a query-string token only when allowed (RFC 9700 §4.3.2)', async (t) => {
    const token = await identity.token(reader)
    t.equal((await get(`/ships?access_token=${token}`)).statusCode, 401)
    const lenient = await protectedApi(t, identity, { allowQueryToken: true })
    t.equal((await lenient.inject({ method: 'GET', url: `/ships?access_token=${token}` })).statusCode, 200)
  })
})

t.test('a route may need several scopes; the challenge names them all', async (t) => {
  const identity = await startIdentity(t)
  const api = await protectedApi(t, identity)
  const partial = await identity.client('ships:read')
  const response = await api.inject({ method: 'GET', url: '/fleet', headers: bearer(await identity.token(partial)) })
  t.equal(response.statusCode, 403)
  t.match(response.headers['www-authenticate'], /scope="ships:read ships:write"$/)
  const both = await identity.client('ships:read ships:write')
  t.equal((await api.inject({ method: 'GET', url: '/fleet', headers: bearer(await identity.token(both)) })).statusCode, 200)
})
