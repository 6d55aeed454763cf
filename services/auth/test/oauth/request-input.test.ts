import t from 'tap'
import type { InjectOptions } from 'fastify'
import { basic, build, createClient, form, FORM, postForm } from '../helper.js'

t.test('malformed input to the token endpoint gets a 4xx OAuth error, never a 500', async (t) => {
  const app = await build(t)
  const client = await createClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }

  const cases: Array<[string, InjectOptions, number, RegExp]> = [
    ['a JSON body', { method: 'POST', url: '/token', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"grant_type":"client_credentials"}' }, 400, /content type/],
    ['a text body', { method: 'POST', url: '/token', headers: { ...auth, 'content-type': 'text/plain' }, payload: 'grant_type=client_credentials' }, 400, /content type/],
    ['no body', { method: 'POST', url: '/token', headers: auth }, 400, /./],
    ['a repeated parameter', { method: 'POST', url: '/token', headers: { ...auth, ...FORM }, payload: 'grant_type=client_credentials&scope=ships:read&scope=ships:write' }, 400, /'scope' is repeated/],
    ['a missing grant_type', { method: 'POST', url: '/token', headers: { ...auth, ...FORM }, payload: 'scope=ships:read' }, 400, /grant_type/],
    ['an empty grant_type', { method: 'POST', url: '/token', headers: { ...auth, ...FORM }, payload: 'grant_type=' }, 400, /grant_type/],
    ['a malformed scope', { method: 'POST', url: '/token', headers: { ...auth, ...FORM }, payload: form({ grant_type: 'client_credentials', scope: 'a  "b' }) }, 400, /scope/],
    ['an oversized body', { method: 'POST', url: '/token', headers: { ...auth, ...FORM }, payload: form({ grant_type: 'client_credentials', pad: 'x'.repeat(20_000) }) }, 413, /too large/],
    ['broken Basic credentials', { method: 'POST', url: '/token', headers: { authorization: 'Basic %%%', ...FORM }, payload: 'grant_type=client_credentials' }, 401, /./],
    ['Basic credentials with bad escapes', { method: 'POST', url: '/token', headers: { authorization: `Basic ${Buffer.from('a%zz:b').toString('base64')}`, ...FORM }, payload: 'grant_type=client_credentials' }, 401, /malformed/]
  ]
  for (const [name, request, status, description] of cases) {
    t.test(name, async (t) => {
      const response = await app.inject(request)
      t.equal(response.statusCode, status)
      t.match(response.json(), { error: /^invalid_(request|client)$/, error_description: description })
      t.equal(response.headers['cache-control'], 'no-store')
      t.notMatch(response.body, /at .*\.ts:\d+/, 'no stack trace')
    })
  }

  t.test('an empty parameter counts as absent', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials', scope: '' }, auth)
    t.equal(response.statusCode, 200)
    t.equal(response.json().scope, 'ships:read ships:write')
  })

  t.test('unknown parameters are ignored', async (t) => {
    const response = await postForm(app, '/token', { grant_type: 'client_credentials', colour: 'blue' }, auth)
    t.equal(response.statusCode, 200)
  })

  t.test('a charset on the form content type is accepted', async (t) => {
    const response = await app.inject({
      method: 'POST', url: '/token', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: 'grant_type=client_credentials'
    })
    t.equal(response.statusCode, 200)
  })

  t.test('GET on the token endpoint is 405 with Allow: POST', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/token?grant_type=client_credentials' })
    t.equal(response.statusCode, 405)
    t.equal(response.headers.allow, 'POST')
    t.equal(response.json().error, 'invalid_request')
  })

  t.test('bad JSON on the admin API → 400 invalid_request', async (t) => {
    const response = await app.inject({
      method: 'POST', url: '/admin/clients', payload: '{"client_name":',
      headers: { authorization: `Bearer ${app.config.adminToken}`, 'content-type': 'application/json' }
    })
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
  })
})
