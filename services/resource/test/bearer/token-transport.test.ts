import t from 'tap'
import { bearer, buildResource, startIdentity } from '../helper.js'

t.test('how a token may travel (RFC 6750 §2)', async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const token = await identity.token(reader)
  const strict = await buildResource(t, identity)
  const lenient = await buildResource(t, identity, { ALLOW_QUERY_TOKEN: 'true' })

  t.test('by default a query-string token is answered like no token', async (t) => {
    const response = await strict.inject({ method: 'GET', url: '/api/ships', query: { access_token: token } })
    t.equal(response.statusCode, 401)
    t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
    t.match(response.json().error_description, /query string/)
  })

  t.test('a query-string token is accepted when the operator enables it', async (t) => {
    const response = await lenient.inject({ method: 'GET', url: '/api/ships', query: { access_token: token } })
    t.equal(response.statusCode, 200)
    t.equal(response.headers['cache-control'], 'no-store')
  })

  t.test('with query-string tokens enabled, a request with no token at all still gets a bare challenge', async (t) => {
    const response = await lenient.inject({ method: 'GET', url: '/api/ships' })
    t.equal(response.statusCode, 401)
    t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
    t.same(response.json(), { error: 'unauthorized', error_description: 'a bearer access token is required' })
  })

  t.test('an empty access_token parameter counts as absent', async (t) => {
    const response = await strict.inject({ method: 'GET', url: '/api/ships?access_token=', headers: bearer(token) })
    t.equal(response.statusCode, 200)
  })

  for (const [name, app] of [['strict', strict], ['lenient', lenient]] as const) {
    t.test(`a token sent two ways at once is a bad request (${name})`, async (t) => {
      const response = await app.inject({ method: 'GET', url: '/api/ships', query: { access_token: token }, headers: bearer(token) })
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, 'invalid_request')
      t.match(response.headers['www-authenticate'], /^Bearer realm="keyhold", error="invalid_request"/)
    })
  }

  t.test('a repeated access_token parameter is a bad request', async (t) => {
    const response = await lenient.inject({ method: 'GET', url: `/api/ships?access_token=${token}&access_token=${token}` })
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
  })
})
