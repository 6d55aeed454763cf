// Two registered APIs behind one identity service: a client asks for tokens with resource indicators (RFC 8707), the
// resource service accepts only those naming it, and each API's introspector sees only its own API's tokens.
import t from 'tap'
import { AUDIENCE, basic, bearer, postForm, startSystem } from './system.js'

const BILLING = 'https://billing.keyhold.test'

t.test('two APIs, resource indicators and audience-bound introspection', async (t) => {
  const system = await startSystem(t)
  const billing = await system.registerApi({
    identifier: BILLING, name: 'Billing', scopes: [{ name: 'invoices:read', description: 'See your invoices' }], access_token_ttl: 600
  })
  const billingServer = await system.register({ client_name: 'billing service' })
  await system.allowIntrospection(billing.id, billingServer.client_id)
  const client = await system.register({ client_name: 'fleet accounting', scope: 'ships:read invoices:read' })

  const tokenFor = async (resources: string[]) => {
    const body = new URLSearchParams([['grant_type', 'client_credentials'] as [string, string], ...resources.map((resource): [string, string] => ['resource', resource])])
    const response = await fetch(`${system.auth}/token`, {
      method: 'POST', headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' }, body
    })
    t.equal(response.status, 200)
    return await response.json() as { access_token: string, scope: string, expires_in: number }
  }
  const ships = (token: string) => fetch(`${system.resource}/api/ships`, { headers: bearer(token) })
  const introspectedBy = async (caller: typeof billingServer, token: string) =>
    await (await postForm(`${system.auth}/introspect`, caller, { token })).json() as { active: boolean, aud?: string | string[] }

  const both = await tokenFor([AUDIENCE, BILLING])
  t.equal(both.scope, 'ships:read invoices:read')
  t.equal(both.expires_in, 600, 'the shorter of the two lifetimes')
  t.equal((await ships(both.access_token)).status, 200, 'the resource service accepts a token that names it among others')
  t.match(await introspectedBy(billingServer, both.access_token), { active: true, aud: [AUDIENCE, BILLING] })

  const forBilling = await tokenFor([BILLING])
  t.equal(forBilling.scope, 'invoices:read')
  const refused = await ships(forBilling.access_token)
  t.equal(refused.status, 401, 'a token for the other API alone is refused by the resource service')
  t.match(refused.headers.get('www-authenticate'), /error="invalid_token"/)
  t.match(await introspectedBy(billingServer, forBilling.access_token), { active: true, aud: BILLING })

  const forShips = await tokenFor([AUDIENCE])
  t.equal((await ships(forShips.access_token)).status, 200)
  t.same(await introspectedBy(billingServer, forShips.access_token), { active: false }, 'the billing service learns nothing of a ships token')

  const unknown = await fetch(`${system.auth}/token`, {
    method: 'POST', headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'https://unknown.keyhold.test' })
  })
  t.equal(unknown.status, 400)
  t.equal((await unknown.json() as { error: string }).error, 'invalid_target')
})
