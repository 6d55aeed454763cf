// Resource indicators at /token (RFC 8707 §2): each `resource` a registered API of which the client may have a scope,
// else invalid_target; several make an `aud` list and the shortest lifetime; the scope must fit them.
import t from 'tap'
import { build, createClient, decodeJwt } from '../helper.js'
import { BILLING, registerBilling, SHIPS, tokenRequest } from './support.js'

t.test('resource indicators at the token endpoint', async (t) => {
  const app = await build(t)
  await registerBilling(app)
  const client = await createClient(app, { scope: 'ships:read ships:write invoices:read users:read' })
  const shipsOnly = await createClient(app, { scope: 'ships:read' })
  const credentials = (fields: Array<[string, string]>, as = client) => tokenRequest(app, as, [['grant_type', 'client_credentials'], ...fields])

  t.test('invalid_target: unknown, relative, with a fragment, or not allowed for the client', async (t) => {
    const cases: Array<[string, Array<[string, string]>]> = [
      ['an unregistered API', [['resource', 'https://unknown.example']]],
      ['a relative URI', [['resource', '/api']]],
      ['not a URI', [['resource', 'ships']]],
      ['a fragment', [['resource', `${SHIPS}#part`]]],
      ['an API of which the client may have nothing', [['resource', BILLING]]],
      ['one bad among good ones', [['resource', SHIPS], ['resource', 'https://unknown.example']]]
    ]
    for (const [what, fields] of cases) {
      const response = await credentials(fields, what.startsWith('an API of which') ? shipsOnly : client)
      t.equal(response.statusCode, 400, what)
      t.equal(response.json().error, 'invalid_target', what)
      t.equal(response.headers['cache-control'], 'no-store')
      t.notOk(response.json().error_description.includes('unknown.example'), 'the value is not echoed')
    }
  })

  t.test('one resource: a token for it alone, with the client’s scopes of it', async (t) => {
    const response = await credentials([['resource', BILLING]])
    t.equal(response.statusCode, 200)
    const body = response.json()
    t.equal(body.scope, 'invoices:read')
    t.equal(body.expires_in, 600, 'the API’s own lifetime')
    const { payload } = decodeJwt(body.access_token)
    t.equal(payload.aud, BILLING)
    t.equal((payload.exp as number) - (payload.iat as number), 600)
  })

  t.test('two resources: aud lists both, the shortest lifetime wins', async (t) => {
    const response = await credentials([['resource', SHIPS], ['resource', BILLING], ['scope', 'ships:read invoices:read']])
    t.equal(response.statusCode, 200)
    const { payload } = decodeJwt(response.json().access_token)
    t.same(payload.aud, [SHIPS, BILLING])
    t.equal(response.json().expires_in, 600)
    t.equal(payload.scope, 'ships:read invoices:read')
  })

  t.test('a resource named twice counts once', async (t) => {
    const response = await credentials([['resource', SHIPS], ['resource', SHIPS]])
    t.equal(decodeJwt(response.json().access_token).payload.aud, SHIPS)
    t.equal(response.json().scope, 'ships:read ships:write')
  })

  t.test('the scope must belong to the requested resources', async (t) => {
    const response = await credentials([['resource', BILLING], ['scope', 'ships:read']])
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_scope')
  })

  t.test('without resource the APIs of the scopes, each with its lifetime', async (t) => {
    const billing = (await credentials([['scope', 'invoices:read']])).json()
    t.equal(decodeJwt(billing.access_token).payload.aud, BILLING)
    t.equal(billing.expires_in, 600)
    const both = (await credentials([['scope', 'ships:read invoices:read users:read']])).json()
    t.same(decodeJwt(both.access_token).payload.aud, [SHIPS, BILLING, app.config.issuer])
    t.equal(both.expires_in, 600)
  })

  t.test('every other parameter still may not repeat', async (t) => {
    const response = await credentials([['scope', 'ships:read'], ['scope', 'ships:write']])
    t.equal(response.statusCode, 400)
    t.same(response.json(), { error: 'invalid_request', error_description: "parameter 'scope' is repeated" })
  })

  t.test('an oversized list of resources is refused as a bad request, never a failure', async (t) => {
    const response = await credentials(Array.from({ length: 11 }, () => ['resource', SHIPS] as [string, string]))
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_request')
  })
})
