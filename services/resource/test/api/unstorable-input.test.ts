import t from 'tap'
import { bearer, buildResource, startIdentity } from '../helper.js'

t.test('input the database cannot store, and paths outside the error charset, get a 4xx', async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const client = await identity.client('ships:read ships:write')
  const reader = bearer(await identity.token(client, 'ships:read'))
  const writer = bearer(await identity.token(client, 'ships:write'))

  const filtered = await resource.inject({ method: 'GET', url: '/api/ships?affiliation=Feder%00ation', headers: reader })
  t.equal(filtered.statusCode, 400, 'a NUL byte in a filter')
  t.equal(filtered.json().error, 'invalid_request')

  const created = await resource.inject({
    method: 'POST', url: '/api/ships', headers: writer,
    payload: { name: 'USS\u0000Defiant', registry: 'NX-99999-Z', class: 'Defiant', affiliation: 'Federation', category: 'escort', crew: 50 }
  })
  t.equal(created.statusCode, 400, 'a NUL byte in a new ship')
  const listed = await resource.inject({ method: 'GET', url: '/api/ships?limit=100', headers: reader })
  t.notOk(listed.json().ships.some((ship: { registry?: string }) => ship.registry === 'NX-99999-Z'), 'nothing written')

  const unknown = await resource.inject({ method: 'GET', url: '/no/%22such%5C/"route\\' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json().error_description, /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/, 'the description keeps to RFC 6749 characters')
})
