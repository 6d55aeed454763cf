// Resource indicators at /authorize and /par: an invalid one is an error redirect or a 400 invalid_target; a good one
// shapes the code's tokens, and the consent page names each API asked for with its scopes' descriptions.
import t from 'tap'
import { basic, build, decodeJwt, FORM } from '../helper.js'
import { authorize, Browser, createWebClient, hiddenFields, pkce, redeem, REDIRECT_URI, requestIdOf, signIn, signUp } from '../browser.js'
import { BILLING, formOf, registerBilling, SHIPS } from './support.js'

t.test('resource indicators in authorization requests', async (t) => {
  const app = await build(t)
  await registerBilling(app)
  const user = await signUp(app)
  const client = await createWebClient(app, { scope: 'openid profile ships:read invoices:read' })
  const shipsOnly = await createWebClient(app, { scope: 'ships:read' })
  const { challenge, verifier } = pkce()
  const base = (as = client): Array<[string, string]> => [
    ['response_type', 'code'], ['client_id', as.client_id], ['redirect_uri', REDIRECT_URI], ['state', 's1'],
    ['code_challenge', challenge], ['code_challenge_method', 'S256']
  ]
  const invalid: Array<[string, string[], typeof client]> = [
    ['unknown', ['https://unknown.example'], client],
    ['relative', ['/api'], client],
    ['with a fragment', [`${SHIPS}#x`], client],
    ['not allowed for the client', [BILLING], shipsOnly]
  ]

  t.test('/authorize redirects invalid_target to the client, with state and iss', async (t) => {
    for (const [what, resources, as] of invalid) {
      const response = await new Browser(app).get(`/authorize?${formOf([...base(as), ...resources.map((r): [string, string] => ['resource', r])])}`)
      t.equal(response.statusCode, 302, what)
      const location = new URL(response.headers.location!)
      t.equal(`${location.origin}${location.pathname}`, REDIRECT_URI)
      t.equal(location.searchParams.get('error'), 'invalid_target', what)
      t.equal(location.searchParams.get('state'), 's1')
      t.equal(location.searchParams.get('iss'), app.config.issuer)
    }
  })

  t.test('/par answers invalid_target with 400', async (t) => {
    for (const [what, resources, as] of invalid) {
      const response = await app.inject({
        method: 'POST', url: '/par', headers: { ...FORM, authorization: basic(as.client_id, as.client_secret!) },
        payload: formOf([...base(as).filter(([name]) => name !== 'client_id'), ...resources.map((r): [string, string] => ['resource', r])])
      })
      t.equal(response.statusCode, 400, what)
      t.equal(response.json().error, 'invalid_target', what)
    }
  })

  t.test('a repeated state is still refused at /authorize', async (t) => {
    const response = await new Browser(app).get(`/authorize?${formOf([...base(), ['state', 'again'], ['resource', SHIPS]])}`)
    t.equal(response.statusCode, 400)
    t.notOk(response.headers.location)
  })

  t.test('two resources through the consent page: the page names each API, the token lists both', async (t) => {
    const browser = new Browser(app)
    const query = formOf([...base(), ['scope', 'openid ships:read invoices:read'], ['nonce', 'n'], ['resource', SHIPS], ['resource', BILLING]])
    const toLogin = await browser.get(`/authorize?${query}`)
    const consent = await browser.follow(await signIn(browser, user, requestIdOf(toLogin.headers.location)))
    t.equal(consent.statusCode, 200)
    const page = consent.body
    t.match(page, /<h2>Ships and calls<\/h2>\s*<ul><li>See the ship catalogue \(<code>ships:read<\/code>\)<\/li><\/ul>/)
    t.match(page, /<h2>Billing<\/h2>\s*<ul><li>See your invoices \(<code>invoices:read<\/code>\)<\/li><\/ul>/)
    t.match(page, /<h2>Keyhold account<\/h2>\s*<ul><li>Know who you are: an identifier for your account here \(<code>openid<\/code>\)<\/li><\/ul>/)
    t.ok(page.indexOf('Ships and calls') < page.indexOf('Billing') && page.indexOf('Billing') < page.indexOf('Keyhold account'), 'in the order asked for')
    const answered = await browser.post('/consent', { ...hiddenFields(page), decision: 'allow' })
    const code = new URL(answered.headers.location!).searchParams.get('code')!
    const tokens = (await redeem(app, client, { code, code_verifier: verifier })).json()
    t.same(decodeJwt(tokens.access_token).payload.aud, [SHIPS, BILLING], 'openid beside resources does not add the issuer')
    t.equal(tokens.scope, 'ships:read invoices:read')
    t.ok(tokens.id_token, 'openid still gives an id_token')
    t.equal(tokens.expires_in, 600)
  })

  t.test('without scope, the client’s scopes of the requested resource', async (t) => {
    const { challenge, verifier } = pkce()
    const url = await authorize(new Browser(app), user, {
      response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, code_challenge: challenge, code_challenge_method: 'S256', resource: BILLING
    })
    const tokens = (await redeem(app, client, { code: url.searchParams.get('code')!, code_verifier: verifier })).json()
    t.equal(decodeJwt(tokens.access_token).payload.aud, BILLING)
    t.equal(tokens.scope, 'invoices:read')
  })

  t.test('a scope of another API than the resource is invalid_scope', async (t) => {
    const response = await new Browser(app).get(`/authorize?${formOf([...base(), ['scope', 'ships:read'], ['resource', BILLING]])}`)
    t.equal(new URL(response.headers.location!).searchParams.get('error'), 'invalid_scope')
  })
})
