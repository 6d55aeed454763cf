// A body of the wrong type is answered with a description naming the type sent when it is a common one; any other
// type is request input, which a description never repeats.
import t from 'tap'
import { basic, build, createClient } from '../helper.js'

// RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E (no '"', no '\').
const DESCRIPTION_CHARACTERS = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/

t.test('a common unsupported content type is named in the error description, any other is not', async (t) => {
  const app = await build(t)
  const client = await createClient(app)
  const post = (contentType: string) => app.inject({
    method: 'POST', url: '/token', payload: '{"grant_type":"client_credentials"}',
    headers: { authorization: basic(client.client_id, client.client_secret!), 'content-type': contentType }
  })

  for (const [contentType, description] of [
    ['application/json', "unsupported content type 'application/json'"],
    ['text/plain; charset=utf-8', "unsupported content type 'text/plain'"],
    ['Text/XML', "unsupported content type 'text/xml'"],
    ['application/vnd.attacker-text+json', 'unsupported content type'],
    ['text/"odd"\\type', 'unsupported content type']
  ] as const) {
    const response = await post(contentType)
    t.equal(response.statusCode, 400, contentType)
    t.same(response.json(), { error: 'invalid_request', error_description: description })
    t.match(response.json().error_description, DESCRIPTION_CHARACTERS)
    t.equal(response.headers['cache-control'], 'no-store')
  }
})

t.test('the JSON APIs answer a body of another type 415, the form pages 400', async (t) => {
  const app = await build(t)
  for (const url of ['/api/users', '/admin/clients']) {
    const response = await app.inject({ method: 'POST', url, payload: 'username=a', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${app.config.adminToken}` } })
    t.equal(response.statusCode, 415, url)
    t.same(response.json(), { error: 'invalid_request', error_description: 'the body must be application/json' })
  }
  const login = await app.inject({ method: 'POST', url: '/login', payload: '{}', headers: { 'content-type': 'application/json' } })
  t.equal(login.statusCode, 400, 'a page refuses it as a bad request, as the OAuth endpoints do')
})
