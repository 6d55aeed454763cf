import t from 'tap'
import type { ShipList } from '@keyhold/contracts'
import { bearer, buildResource, startIdentity } from '../helper.js'

const enterprise = { name: 'USS Enterprise', registry: 'NCC-1701-D', class: 'Galaxy', affiliation: 'Federation', category: 'explorer', crew: 1014 }
const cerritos = { name: 'USS Cerritos', registry: 'NCC-75567', class: 'California', affiliation: 'Federation', category: 'support', crew: 150 }

t.test('the ship catalogue', async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const client = await identity.client('ships:read ships:write')
  const reader = bearer(await identity.token(client, 'ships:read'))
  const writer = bearer(await identity.token(client, 'ships:write'))
  const get = (url: string) => resource.inject({ method: 'GET', url, headers: reader })
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = writer) =>
    resource.inject({ method, url, headers, ...(payload && { payload }) })

  t.test('lists the seeded ships', async (t) => {
    const response = await get('/api/ships')
    t.equal(response.statusCode, 200)
    const { ships, next_cursor } = response.json()
    t.equal(ships.length, 8)
    t.equal(next_cursor, undefined)
    t.match(ships[0], { id: String, ...enterprise })
    t.notOk('registry' in ships.find((s: { name: string }) => s.name === 'IKS Rotarran'), 'no registry, no field')
  })

  t.test('pages with limit and cursor, each ship once', async (t) => {
    const seen: string[] = []
    let url: string | undefined = '/api/ships?limit=3'
    while (url) {
      const page: ShipList = (await get(url)).json()
      t.ok(page.ships.length <= 3)
      seen.push(...page.ships.map((s) => s.id))
      url = page.next_cursor && `/api/ships?limit=3&cursor=${page.next_cursor}`
    }
    t.equal(seen.length, 8)
    t.equal(new Set(seen).size, 8)
  })

  t.test('filters by affiliation and category', async (t) => {
    const federation = (await get('/api/ships?affiliation=Federation')).json().ships
    t.equal(federation.length, 4)
    t.ok(federation.every((s: { affiliation: string }) => s.affiliation === 'Federation'))
    t.same((await get('/api/ships?category=warbird')).json().ships.map((s: { name: string }) => s.name), ['IRW Khazara'])
    t.same((await get('/api/ships?affiliation=Federation&category=warbird')).json().ships, [])
  })

  t.test('a bad query is a 400 naming the parameter', async (t) => {
    for (const [query, name] of [['limit=0', 'limit'], ['limit=1000', 'limit'], ['cursor=abc', 'cursor']] as const) {
      const response = await get(`/api/ships?${query}`)
      t.equal(response.statusCode, 400, query)
      t.equal(response.json().error, 'invalid_request')
      t.match(response.json().error_description, `query parameter '${name}'`)
    }
  })

  t.test('reads one ship; an unknown id is 404', async (t) => {
    const [first] = (await get('/api/ships?limit=1')).json().ships
    t.same((await get(`/api/ships/${first.id}`)).json(), first)
    const missing = await get('/api/ships/999999')
    t.equal(missing.statusCode, 404)
    t.equal(missing.json().error, 'not_found')
    t.equal((await get('/api/ships/not-a-number')).statusCode, 400)
  })

  t.test('adds a ship: 201 with its Location', async (t) => {
    const response = await send('POST', '/api/ships', cerritos)
    t.equal(response.statusCode, 201)
    const ship = response.json()
    t.match(ship, { id: String, ...cerritos })
    t.equal(response.headers.location, `/api/ships/${ship.id}`)
    t.same((await get(response.headers.location!)).json(), ship)
  })

  t.test('invalid ships are 400s naming the field, and nothing is written', async (t) => {
    const before = (await get('/api/ships?limit=100')).json().ships.length
    const cases: Array<[object, RegExp]> = [
      [{ ...cerritos, class: undefined }, /missing field 'class'/],
      [{ ...cerritos, crew: -1 }, /field 'crew'/],
      [{ ...cerritos, crew: 'many' }, /field 'crew'/],
      [{ ...cerritos, name: '' }, /field 'name'/],
      [{ ...cerritos, registry: 'X'.repeat(40) }, /field 'registry'/]
    ]
    for (const [payload, description] of cases) {
      const response = await send('POST', '/api/ships', payload)
      t.equal(response.statusCode, 400)
      t.match(response.json(), { error: 'invalid_request', error_description: description })
    }
    const notJson = await resource.inject({ method: 'POST', url: '/api/ships', headers: { ...writer, 'content-type': 'text/plain' }, payload: 'ship' })
    t.equal(notJson.statusCode, 415)
    t.equal(notJson.json().error, 'invalid_request')
    t.equal((await get('/api/ships?limit=100')).json().ships.length, before)
  })

  t.test('replaces a ship; an unknown id is 404', async (t) => {
    const created = (await send('POST', '/api/ships', cerritos)).json()
    const { registry: _dropped, ...refit } = { ...cerritos, crew: 160 }
    const response = await send('PUT', `/api/ships/${created.id}`, refit)
    t.equal(response.statusCode, 200)
    t.same(response.json(), { id: created.id, ...refit })
    t.same((await get(`/api/ships/${created.id}`)).json(), { id: created.id, ...refit })
    t.equal((await send('PUT', '/api/ships/999999', refit)).statusCode, 404)
    t.equal((await send('PUT', `/api/ships/${created.id}`, { name: 'only a name' })).statusCode, 400)
  })

  t.test('removes a ship: 204, then 404', async (t) => {
    const created = (await send('POST', '/api/ships', cerritos)).json()
    const removed = await send('DELETE', `/api/ships/${created.id}`)
    t.equal(removed.statusCode, 204)
    t.equal(removed.body, '')
    t.equal((await get(`/api/ships/${created.id}`)).statusCode, 404)
    t.equal((await send('DELETE', `/api/ships/${created.id}`)).statusCode, 404)
  })

  t.test('reading needs ships:read, changing needs ships:write', async (t) => {
    const list = await resource.inject({ method: 'GET', url: '/api/ships', headers: writer })
    t.equal(list.statusCode, 403)
    t.match(list.headers['www-authenticate'], /scope="ships:read"/)
    for (const [method, url] of [['POST', '/api/ships'], ['PUT', '/api/ships/1'], ['DELETE', '/api/ships/1']] as const) {
      const response = await send(method, url, cerritos, reader)
      t.equal(response.statusCode, 403, `${method} ${url}`)
      t.match(response.headers['www-authenticate'], /error="insufficient_scope", .*scope="ships:write"/)
    }
    t.equal((await get('/api/ships/1')).json().crew, 1014, 'nothing changed')
  })
})
