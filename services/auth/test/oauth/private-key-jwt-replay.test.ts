// An assertion authenticates once (its jti is kept until it expires), with Redis and without it: a replay is refused,
// and of the same assertion sent many times at once exactly one is served.
import t from 'tap'
import { build, FORM } from '../helper.js'
import { assertion, assertionParameters, keyClient, keyPair, tokenWith } from './assertions.js'

const STORES = { Redis: {}, memory: { REDIS_URL: '' } }

for (const [store, env] of Object.entries(STORES)) {
  t.test(`with the ${store} store`, async (t) => {
    const app = await build(t, { CLIENT_AUTH_MAX_FAILURES: '100', ...env })
    const key = await keyPair()
    const client = await keyClient(app, [key])

    t.test('a second use of an assertion is refused', async (t) => {
      const once = await assertion(client.client_id, key)
      t.equal((await tokenWith(app, once)).statusCode, 200)
      const replayed = await tokenWith(app, once)
      t.equal(replayed.statusCode, 401)
      t.equal(replayed.json().error, 'invalid_client')
      t.equal((await tokenWith(app, await assertion(client.client_id, key))).statusCode, 200, 'a new assertion is accepted')
    })

    t.test('at another endpoint too: an assertion used at /token is spent at /introspect', async (t) => {
      const once = await assertion(client.client_id, key)
      const token = (await tokenWith(app, once)).json().access_token
      const response = await app.inject({ method: 'POST', url: '/introspect', headers: FORM, payload: new URLSearchParams({ token, ...assertionParameters(once) }).toString() })
      t.equal(response.statusCode, 401)
    })

    t.test('the same jti in another assertion of the client is a replay; in another client\'s it is not', async (t) => {
      const other = await keyClient(app, [key])
      const jti = `shared-${store}`
      t.equal((await tokenWith(app, await assertion(client.client_id, key, { claims: { jti } }))).statusCode, 200)
      t.equal((await tokenWith(app, await assertion(client.client_id, key, { claims: { jti } }))).statusCode, 401)
      t.equal((await tokenWith(app, await assertion(other.client_id, key, { claims: { jti } }))).statusCode, 200)
    })

    t.test('one assertion sent 20 times at once is served once', async (t) => {
      const url = await app.listen({ host: '127.0.0.1', port: 0 })
      const body = new URLSearchParams({ grant_type: 'client_credentials', ...assertionParameters(await assertion(client.client_id, key)) }).toString()
      const statuses = await Promise.all(Array.from({ length: 20 }, async () =>
        (await fetch(`${url}/token`, { method: 'POST', headers: FORM, body })).status))
      t.equal(statuses.filter((status) => status === 200).length, 1)
      t.equal(statuses.filter((status) => status === 401).length, 19)
    })
  })
}
