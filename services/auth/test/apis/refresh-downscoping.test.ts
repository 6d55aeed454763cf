// A grant keeps its resources: a code exchange or a refresh may ask for some of them and gets a token for those alone,
// with the grant's scopes of them (RFC 8707 §2.2); a resource outside the grant is invalid_target and uses nothing up.
import t from 'tap'
import { build, createClient, decodeJwt, postForm, basic } from '../helper.js'
import { Browser, codeFor, createWebClient, redeem, signUp } from '../browser.js'
import { BILLING, registerBilling, SHIPS, tokenRequest } from './support.js'

t.test('resources through a grant', async (t) => {
  const app = await build(t)
  await registerBilling(app)
  const user = await signUp(app)
  const client = await createClient(app, { grant_types: ['password', 'refresh_token'], scope: 'ships:read invoices:read invoices:write' })
  const passwordGrant = async (fields: Array<[string, string]>) => (await tokenRequest(app, client, [
    ['grant_type', 'password'], ['username', user.username], ['password', user.password], ...fields
  ])).json()
  const refresh = (refreshToken: string, fields: Array<[string, string]> = []) =>
    tokenRequest(app, client, [['grant_type', 'refresh_token'], ['refresh_token', refreshToken], ...fields])

  t.test('a refresh narrows to one resource of the grant, with the grant’s scopes of it', async (t) => {
    const granted = await passwordGrant([['resource', SHIPS], ['resource', BILLING]])
    t.same(decodeJwt(granted.access_token).payload.aud, [SHIPS, BILLING])
    const narrowed = await refresh(granted.refresh_token, [['resource', BILLING]])
    t.equal(narrowed.statusCode, 200)
    const body = narrowed.json()
    t.equal(decodeJwt(body.access_token).payload.aud, BILLING)
    t.equal(body.scope, 'invoices:read invoices:write')
    t.equal(body.expires_in, 600)
    const whole = (await refresh(body.refresh_token)).json()
    t.same(decodeJwt(whole.access_token).payload.aud, [SHIPS, BILLING], 'the successor keeps every resource of the grant')
    t.equal(whole.scope, 'ships:read invoices:read invoices:write')
  })

  t.test('a resource outside the grant is invalid_target, and the refresh token stays usable', async (t) => {
    const granted = await passwordGrant([['resource', SHIPS]])
    for (const resource of [BILLING, app.config.issuer, 'https://unknown.example', 'not a uri']) {
      const refused = await refresh(granted.refresh_token, [['resource', resource]])
      t.equal(refused.statusCode, 400, resource)
      t.equal(refused.json().error, 'invalid_target', resource)
    }
    t.equal((await refresh(granted.refresh_token)).statusCode, 200, 'nothing was rotated or revoked')
  })

  t.test('a grant made without resources may be narrowed to an API of its scopes', async (t) => {
    const granted = await passwordGrant([['scope', 'ships:read invoices:read']])
    t.same(decodeJwt(granted.access_token).payload.aud, [SHIPS, BILLING])
    const narrowed = (await refresh(granted.refresh_token, [['resource', SHIPS]])).json()
    t.equal(decodeJwt(narrowed.access_token).payload.aud, SHIPS)
    t.equal(narrowed.scope, 'ships:read')
  })

  t.test('a code exchange may ask for one of the authorization’s resources, and not another', async (t) => {
    const web = await createWebClient(app, { scope: 'ships:read invoices:read' })
    const browser = new Browser(app)
    const outside = await codeFor(browser, user, web, { scope: 'ships:read' })
    const refused = await redeem(app, web, { code: outside.code, code_verifier: outside.verifier, resource: BILLING })
    t.equal(refused.json().error, 'invalid_target')
    const retried = await redeem(app, web, { code: outside.code, code_verifier: outside.verifier })
    t.equal(retried.statusCode, 200, 'the code was not used up by the refused request')

    const { code, verifier } = await codeFor(browser, user, web, { scope: 'ships:read invoices:read' })
    const exchanged = await redeem(app, web, { code, code_verifier: verifier, resource: BILLING })
    t.equal(exchanged.statusCode, 200)
    t.equal(decodeJwt(exchanged.json().access_token).payload.aud, BILLING)
    t.equal(exchanged.json().scope, 'invoices:read')
    const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: exchanged.json().refresh_token },
      { authorization: basic(web.client_id, web.client_secret!) })
    t.same(decodeJwt(refreshed.json().access_token).payload.aud, [SHIPS, BILLING], 'the grant still holds both')
  })
})
