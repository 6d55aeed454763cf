// Connected applications: what the user consented to, listed with what it may do; removing one withdraws the consent
// and ends its tokens. A client the user never connected is refused, and another user's access to it stays.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ClientWithSecret } from '@keyhold/contracts'
import { authorizeUrl, codeFor, createWebClient, redeem, REDIRECT_URI } from '../browser.js'
import { basic, build, createClient, postForm } from '../helper.js'
import { formFields, holder, mailTo, signedIn } from './support.js'

const PAGE = '/account/applications'
const REVOKE = '/account/applications/revoke'

const clientAuth = (client: ClientWithSecret) => ({ authorization: basic(client.client_id, client.client_secret!) })
const refresh = (app: FastifyInstance, client: ClientWithSecret, refreshToken: string) =>
  postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken }, clientAuth(client))
const active = async (app: FastifyInstance, client: ClientWithSecret, token: string) =>
  (await postForm(app, '/introspect', { token }, clientAuth(client))).json().active as boolean

async function connect (app: FastifyInstance, user: { username: string, password: string }, client: ClientWithSecret) {
  const browser = await signedIn(app, user)
  const { code, verifier } = await codeFor(browser, user, client)
  const tokens = (await redeem(app, client, { code, code_verifier: verifier })).json()
  return { browser, tokens: tokens as { access_token: string, refresh_token: string } }
}

t.test('an application the user consented to is listed, and removing it ends its tokens and its consent', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const client = await createWebClient(app)
  const { browser, tokens } = await connect(app, user, client)

  const page = await browser.get(PAGE)
  t.equal(page.statusCode, 200)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, 'Ship Tracker')
  t.match(page.body, 'See the ship catalogue', 'what it may do, as the consent page said it')
  t.match(page.body, /since \d{4}-\d\d-\d\d/)

  const removed = await browser.post(REVOKE, formFields(page, REVOKE))
  t.equal(removed.statusCode, 303)
  t.equal(removed.headers.location, `${PAGE}?done=revoked`)
  const after = await browser.get(removed.headers.location!)
  t.match(after.body, 'The application’s access has ended')
  t.notMatch(after.body, 'Ship Tracker')
  t.equal((await refresh(app, client, tokens.refresh_token)).json().error, 'invalid_grant', 'its refresh token is refused')
  t.notOk(await active(app, client, tokens.access_token), 'its access token is no longer active')
  t.equal(await app.stores.consents.granted(user.id, client.client_id), undefined, 'the consent is withdrawn')
  const again = await browser.get(authorizeUrl({ response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }))
  t.match(again.body, 'action="/consent"', 'the next authorization asks again')
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'Ship Tracker may no longer use your account')
})

t.test('a client holding a grant without consent (the password grant) is listed and can be removed', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const client = await createClient(app, { client_name: 'Old Tool', grant_types: ['password', 'refresh_token'], scope: 'ships:read' })
  const tokens = (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password }, clientAuth(client))).json()
  const browser = await signedIn(app, user)
  const page = await browser.get(PAGE)
  t.match(page.body, 'Old Tool')
  t.match(page.body, 'Signed in with your password')
  t.equal((await browser.post(REVOKE, formFields(page, REVOKE))).statusCode, 303)
  t.equal((await refresh(app, client, tokens.refresh_token)).statusCode, 400)
  t.notOk(await active(app, client, tokens.access_token))
})

t.test("a client the user never connected is refused, and another user's access to it stays", async (t) => {
  const app = await build(t)
  const [alice, bob] = [await holder(app), await holder(app)]
  const [mine, bobs] = [await createWebClient(app), await createWebClient(app, { client_name: 'Bob’s tracker' })]
  const { browser } = await connect(app, alice, mine)
  const { tokens: bobTokens } = await connect(app, bob, bobs)
  const form = formFields(await browser.get(PAGE), REVOKE)

  t.equal((await browser.post(REVOKE, { ...form, client_id: bobs.client_id })).statusCode, 404)
  t.ok(await active(app, bobs, bobTokens.access_token), "bob's token lives on")
  t.same(await app.stores.consents.granted(bob.id, bobs.client_id), ['ships:read'])
  for (const clientId of ['', 'no spaces allowed', 'x'.repeat(101)]) {
    const response = await browser.post(REVOKE, { ...form, client_id: clientId })
    t.ok(response.statusCode >= 400 && response.statusCode < 500, `client_id ${JSON.stringify(clientId.slice(0, 12))} → ${response.statusCode}`)
  }
  t.equal((await browser.post(REVOKE, { client_id: mine.client_id })).statusCode, 403, 'without the form’s token')
  t.equal((await browser.post(REVOKE, { ...form, _csrf: form._csrf!.slice(1) })).statusCode, 403, 'with a forged token')
  t.same(await app.stores.consents.granted(alice.id, mine.client_id), ['ships:read'], 'nothing was removed')
  t.same(await mailTo(app, alice.email), [])
})

t.test('the page needs a signed-in browser', async (t) => {
  const app = await build(t)
  const { Browser } = await import('../browser.js')
  const response = await new Browser(app).get(PAGE)
  t.equal(response.statusCode, 302)
  t.equal(response.headers.location, '/login?return_to=%2Faccount%2Fapplications')
})
