import t from 'tap'
import { bearer, buildResource, startIdentity } from '../helper.js'

t.test("a user's calls", async (t) => {
  const identity = await startIdentity(t)
  const resource = await buildResource(t, identity)
  const alice = bearer(await identity.token(await identity.client('calls')))
  const bob = bearer(await identity.token(await identity.client('calls')))
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, as: Record<string, string>, payload?: object, headers = {}) =>
    resource.inject({ method, url, headers: { ...as, ...headers }, ...(payload && { payload }) })
  const place = async (as: Record<string, string>, number = '+14155550100') => (await call('POST', '/api/calls', as, { number })).json()

  t.test('placing a call: 201 with its Location', async (t) => {
    const response = await call('POST', '/api/calls', alice, { number: '+442071838750' })
    t.equal(response.statusCode, 201)
    const placed = response.json()
    t.match(placed, { id: String, number: '+442071838750', status: 'ongoing', started_at: String })
    t.notOk('ended_at' in placed)
    t.equal(response.headers.location, `/api/calls/${placed.id}`)
    const read = await call('GET', response.headers.location!, alice)
    t.equal(read.statusCode, 200)
    t.same(read.json(), placed)
  })

  t.test('a number that is not E.164 is a 400 naming the field', async (t) => {
    for (const number of ['4155550100', '+0123', '+1 415 555 0100', '+1234567890123456', '']) {
      const response = await call('POST', '/api/calls', alice, { number })
      t.equal(response.statusCode, 400, number)
      t.match(response.json(), { error: 'invalid_request', error_description: /field 'number'/ })
    }
    const missing = await call('POST', '/api/calls', alice, {})
    t.match(missing.json(), { error: 'invalid_request', error_description: "missing field 'number'" })
  })

  t.test('a call as XML when asked for, and 406 for what cannot be given', async (t) => {
    const placed = await place(alice, '+14155550199')
    const xml = await call('GET', `/api/calls/${placed.id}`, alice, undefined, { accept: 'application/xml' })
    t.equal(xml.statusCode, 200)
    t.equal(xml.headers['content-type'], 'application/xml; charset=utf-8')
    t.match(xml.headers.vary, /accept/i)
    t.equal(xml.body, '<?xml version="1.0" encoding="UTF-8"?>\n<call>\n' +
      `  <id>${placed.id}</id>\n  <number>+14155550199</number>\n  <status>ongoing</status>\n` +
      `  <started_at>${placed.started_at}</started_at>\n</call>\n`)

    const preferred = await call('GET', `/api/calls/${placed.id}`, alice, undefined, { accept: 'application/json;q=0.5, application/xml' })
    t.equal(preferred.headers['content-type'], 'application/xml; charset=utf-8')
    for (const accept of ['application/json', '*/*', 'text/html, application/*;q=0.1']) {
      const json = await call('GET', `/api/calls/${placed.id}`, alice, undefined, { accept })
      t.equal(json.headers['content-type'], 'application/json; charset=utf-8', accept)
      t.same(json.json(), placed)
    }
    const refused = await call('GET', `/api/calls/${placed.id}`, alice, undefined, { accept: 'text/html' })
    t.equal(refused.statusCode, 406)
    t.equal(refused.json().error, 'not_acceptable')
  })

  t.test('ending a call: 200, then 409 Conflict', async (t) => {
    const placed = await place(alice)
    const ended = await call('PUT', `/api/calls/${placed.id}`, alice, { status: 'ended' })
    t.equal(ended.statusCode, 200)
    t.match(ended.json(), { id: placed.id, status: 'ended', ended_at: String })
    const again = await call('PUT', `/api/calls/${placed.id}`, alice, { status: 'ended' })
    t.equal(again.statusCode, 409)
    t.equal(again.json().error, 'conflict')
    t.match((await call('GET', `/api/calls/${placed.id}`, alice, undefined, { accept: 'application/xml' })).body, /<ended_at>/)
    const reopen = await call('PUT', `/api/calls/${placed.id}`, alice, { status: 'ongoing' })
    t.equal(reopen.statusCode, 400)
    t.match(reopen.json().error_description, /field 'status'/)
  })

  t.test('simultaneous hang-ups: exactly one ends the call', async (t) => {
    const placed = await place(alice)
    const responses = await Promise.all(Array.from({ length: 5 }, () => call('PUT', `/api/calls/${placed.id}`, alice, { status: 'ended' })))
    t.same(responses.map((r) => r.statusCode).sort(), [200, 409, 409, 409, 409])
  })

  t.test('listing ongoing calls shows only the caller\'s ongoing ones', async (t) => {
    const fresh = bearer(await identity.token(await identity.client('calls')))
    const first = await place(fresh, '+15550000001')
    const second = await place(fresh, '+15550000002')
    await call('PUT', `/api/calls/${first.id}`, fresh, { status: 'ended' })
    await place(bob, '+15550000003')
    const ongoing = await call('GET', '/api/calls?status=ongoing', fresh)
    t.equal(ongoing.statusCode, 200)
    t.same(ongoing.json().calls.map((c: { id: string }) => c.id), [second.id])
    const all = (await call('GET', '/api/calls', fresh)).json().calls
    t.same(all.map((c: { id: string }) => c.id).sort(), [first.id, second.id].sort())
    t.equal((await call('GET', '/api/calls?status=lost', fresh)).statusCode, 400)
  })

  t.test("one user never sees or changes another's calls", async (t) => {
    const mine = await place(alice)
    for (const request of [
      call('GET', `/api/calls/${mine.id}`, bob),
      call('GET', `/api/calls/${mine.id}`, bob, undefined, { accept: 'application/xml' }),
      call('PUT', `/api/calls/${mine.id}`, bob, { status: 'ended' })
    ]) {
      const response = await request
      t.equal(response.statusCode, 404)
      t.same(response.json(), { error: 'not_found', error_description: 'no such call' })
    }
    t.notOk((await call('GET', '/api/calls', bob)).json().calls.some((c: { id: string }) => c.id === mine.id))
    t.equal((await call('GET', `/api/calls/${mine.id}`, alice)).json().status, 'ongoing', 'still ongoing')
  })

  t.test('an unknown call is 404; a malformed id 400', async (t) => {
    t.equal((await call('GET', '/api/calls/00000000-0000-4000-8000-000000000000', alice)).statusCode, 404)
    t.equal((await call('GET', '/api/calls/42', alice)).statusCode, 400)
  })

  t.test('every calls route needs the calls scope', async (t) => {
    const ships = bearer(await identity.token(await identity.client('ships:read')))
    for (const [method, url] of [['POST', '/api/calls'], ['GET', '/api/calls'], ['GET', '/api/calls/x'], ['PUT', '/api/calls/x']] as const) {
      const response = await call(method, url, ships, { number: '+14155550100' })
      t.equal(response.statusCode, 403, `${method} ${url}`)
      t.match(response.headers['www-authenticate'], /scope="calls"/)
    }
    t.equal((await call('GET', '/api/calls', {})).statusCode, 401)
  })
})
