// Introspection answers for the token's APIs alone (RFC 7662 §2.2, RFC 9700 §4.10): a user's token for API A is
// described to A's introspectors and its own client, and is exactly {"active":false} to B's.
import t from 'tap'
import { basic, build, createClient, postForm } from '../helper.js'
import { signUp } from '../browser.js'
import { BILLING, registerBilling, SHIPS, tokenRequest } from './support.js'

t.test('introspection bound to the token’s audience', async (t) => {
  const app = await build(t)
  await registerBilling(app)
  const shipsServer = await createClient(app, { client_name: 'ships server', introspects: [SHIPS] })
  const billingServer = await createClient(app, { client_name: 'billing server', introspects: [BILLING] })
  const owner = await createClient(app, { grant_types: ['password'], scope: 'ships:read invoices:read' })
  const user = await signUp(app)
  const tokenFor = async (resource: string) => (await tokenRequest(app, owner, [
    ['grant_type', 'password'], ['username', user.username], ['password', user.password], ['resource', resource]
  ])).json().access_token as string
  const introspect = async (caller: { client_id: string, client_secret?: string }, token: string) =>
    (await postForm(app, '/introspect', { token }, { authorization: basic(caller.client_id, caller.client_secret!) })).body

  const forShips = await tokenFor(SHIPS)
  t.match(JSON.parse(await introspect(shipsServer, forShips)), { active: true, aud: SHIPS, sub: user.id })
  t.equal(await introspect(billingServer, forShips), '{"active":false}', 'another API’s introspector learns nothing')
  t.match(JSON.parse(await introspect(owner, forShips)), { active: true }, 'its own client sees it')

  const forBilling = await tokenFor(BILLING)
  t.equal(await introspect(shipsServer, forBilling), '{"active":false}')
  t.match(JSON.parse(await introspect(billingServer, forBilling)), { active: true, aud: BILLING })

  t.test('once its API is deleted, a token is described to nobody but its own client', async (t) => {
    const admin = { authorization: `Bearer ${app.config.adminToken}` }
    const api = (await app.apis.find(BILLING))!
    // The client first loses the API's scopes: an API is not deleted while a client may still ask for them.
    const cut = await app.inject({ method: 'PUT', url: `/admin/clients/${owner.client_id}`, headers: admin, payload: { client_name: 'service', grant_types: ['password'], scope: 'ships:read' } })
    t.equal(cut.statusCode, 200)
    t.match(JSON.parse(await introspect(billingServer, forBilling)), { active: true }, 'live until its API goes')
    t.equal((await app.inject({ method: 'DELETE', url: `/admin/apis/${api.id}`, headers: admin })).statusCode, 204)
    t.equal(await introspect(billingServer, forBilling), '{"active":false}')
    t.match(JSON.parse(await introspect(owner, forBilling)), { active: true, aud: BILLING }, 'its client still sees it, until it expires')
  })
})
