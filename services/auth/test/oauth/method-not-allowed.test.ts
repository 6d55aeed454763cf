// POST-only OAuth endpoints answer other methods with 405, Allow: POST and an OAuth error body.
import t from 'tap'
import { build } from '../helper.js'

const POST_ONLY = ['/token', '/introspect', '/revoke', '/par', '/register']

t.test('other methods on POST-only endpoints', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  for (const url of POST_ONLY) {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
      const response = await app.inject({ method, url: `${url}?token=x` })
      t.equal(response.statusCode, 405, `${method} ${url}`)
      t.equal(response.headers.allow, 'POST', `${method} ${url}: Allow`)
      t.match(response.headers['content-type'], /^application\/json/)
      t.same(response.json(), { error: 'invalid_request', error_description: 'this endpoint accepts only POST' }, `${method} ${url}: body`)
    }
    const head = await app.inject({ method: 'HEAD', url })
    t.equal(head.statusCode, 405, `HEAD ${url}`)
    t.equal(head.headers.allow, 'POST')
  }
  t.equal((await app.inject({ method: 'GET', url: '/token' })).headers['cache-control'], 'no-store', 'as uncacheable as the endpoint itself')

  t.test('POST still reaches the endpoint', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=nonsense' })
    t.not(response.statusCode, 405)
  })
})

t.test('without dynamic registration, /register does not exist', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ method: 'GET', url: '/register' })).statusCode, 404)
})
