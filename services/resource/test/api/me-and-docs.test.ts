import t from 'tap'
import { bearer, buildResource, startIdentity } from '../helper.js'

t.test('/api/me and the API documentation', async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)

  t.test('/api/me: the caller as the token says, whatever its scope', async (t) => {
    const client = await identity.client('ships:read calls')
    const response = await resource.inject({ method: 'GET', url: '/api/me', headers: bearer(await identity.token(client, 'calls')) })
    t.equal(response.statusCode, 200)
    t.equal(response.headers['cache-control'], 'no-store')
    t.same(response.json(), { sub: client.client_id, client_id: client.client_id, scope: 'calls' })
  })

  t.test('/api/me needs a token', async (t) => {
    const response = await resource.inject({ method: 'GET', url: '/api/me' })
    t.equal(response.statusCode, 401)
    t.equal(response.headers['www-authenticate'], 'Bearer realm="keyhold"')
  })

  t.test('the OpenAPI document describes every API from its contracts', async (t) => {
    const response = await resource.inject({ method: 'GET', url: '/docs/json' })
    t.equal(response.statusCode, 200)
    const document = response.json()
    t.equal(document.openapi, '3.1.0')
    t.same(Object.keys(document.paths).sort(), [
      '/api/calls', '/api/calls/{id}', '/api/me', '/api/ships', '/api/ships/{id}', '/health', '/ready'
    ])
    t.same(document.paths['/api/ships'].post.security, [{ bearer: ['ships:write'] }])
    t.match(document.paths['/api/ships'].post.requestBody.content['application/json'].schema.required,
      ['name', 'class', 'affiliation', 'category', 'crew'])
    t.same(Object.keys(document.paths['/api/calls/{id}'].get.responses['200'].content).sort(), ['application/json', 'application/xml'])
    t.match(document.components.securitySchemes.bearer, { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${identity.url}/token` } } })
  })

  t.test('the docs page is served without a token', async (t) => {
    const response = await resource.inject({ method: 'GET', url: '/docs/' })
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], /text\/html/)
  })

  t.test('unknown routes are 404 with an error body', async (t) => {
    const response = await resource.inject({ method: 'GET', url: '/api/nothing?access_token=secret' })
    t.equal(response.statusCode, 404)
    t.same(response.json(), { error: 'not_found', error_description: 'no route for this method and path' })
  })
})
