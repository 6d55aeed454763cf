import t from 'tap'
import { adminHeaders, basic, bearer, buildResource, startIdentity } from '../helper.js'

const withKid = (token: string, kid: string) => {
  const [header, ...rest] = token.split('.')
  const decoded = JSON.parse(Buffer.from(header!, 'base64url').toString())
  return [Buffer.from(JSON.stringify({ ...decoded, kid })).toString('base64url'), ...rest].join('.')
}

t.test("the identity service's signing keys", async (t) => {
  const identity = await startIdentity(t)
  const reader = await identity.client('ships:read')
  const get = (app: Awaited<ReturnType<typeof buildResource>>, token: string) =>
    app.inject({ method: 'GET', url: '/api/ships', headers: bearer(token) })

  t.test('an unknown kid fetches the keys again at most once per interval', async (t) => {
    const resource = await buildResource(t, identity)
    const before = identity.jwksFetches
    t.equal((await get(resource, await identity.token(reader))).statusCode, 200)
    t.equal(identity.jwksFetches, before + 1, 'fetched on first use')
    const token = await identity.token(reader)
    for (const kid of ['made-up-1', 'made-up-2', 'made-up-3']) {
      const response = await get(resource, withKid(token, kid))
      t.equal(response.statusCode, 401)
      t.equal(response.json().error, 'invalid_token')
    }
    t.equal(identity.jwksFetches, before + 1, 'not fetched again within the interval')
    t.equal((await get(resource, token)).statusCode, 200, 'known keys still verify')
  })

  t.test('a key added at the identity service is taken up when a token first carries it', async (t) => {
    const resource = await buildResource(t, identity, { JWKS_REFRESH_INTERVAL: '0' })
    t.equal((await get(resource, await identity.token(reader))).statusCode, 200)
    const added = await identity.app.inject({ method: 'POST', url: '/admin/keys', headers: adminHeaders })
    t.equal(added.statusCode, 201)
    // As if its activation delay had passed: a new instance signs with it from its start.
    await identity.app.db.updateTable('signing_keys').set({ created_at: new Date(Date.now() - 3600_000) }).where('kid', '=', added.json().kid).execute()
    const successor = await identity.restarted()
    const issued = await successor.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(reader.client_id, reader.client_secret!) },
      payload: 'grant_type=client_credentials'
    })
    const token: string = issued.json().access_token
    t.equal(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid, added.json().kid)
    const before = identity.jwksFetches
    t.equal((await get(resource, token)).statusCode, 200)
    t.equal(identity.jwksFetches, before + 1)
  })
})
