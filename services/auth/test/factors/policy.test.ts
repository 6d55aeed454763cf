// When a second factor is required: acr_values asking for '2', a client's require_second_factor, REQUIRE_SECOND_FACTOR
// and max_age bring the second step back; a user without a factor is sent to set one up; the password grant is refused;
// the id_token's amr and acr say what was used.
import t from 'tap'
import { build, basic, createClient, postForm } from '../helper.js'
import { isSignedIn, signedIn } from '../account/support.js'
import { authorizeUrl, Browser, pkce, redeem, REDIRECT_URI, requestIdOf } from '../browser.js'
import { createOidcClient, verifiedIdToken } from '../oidc/support.js'
import { codeFor, enrolledUser, passwordStep, secondStep } from './support.js'
import type { ClientWithSecret } from '@keyhold/contracts'

const params = (client: ClientWithSecret, challenge: string, extra: Record<string, string> = {}) => ({
  response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid', state: 's', nonce: 'n',
  code_challenge: challenge, code_challenge_method: 'S256', prompt: 'consent', ...extra
})

/** From /authorize through the consent page: the id_token's payload. */
async function idTokenAfterConsent (browser: Browser, client: ClientWithSecret, verifier: string, consentLocation: string) {
  const consent = await browser.get(consentLocation)
  const fields = Object.fromEntries([...consent.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]))
  const answer = await browser.post('/consent', { ...fields, decision: 'allow' })
  const code = new URL(answer.headers.location!).searchParams.get('code')!
  const tokens = (await redeem(browser.app, client, { code, code_verifier: verifier })).json()
  return (await verifiedIdToken(browser.app, tokens.id_token, client)).payload
}

t.test('acr_values=2 over a password-only session asks for the second factor; the id_token says so', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const { user, secret } = await enrolledUser(app)
  const browser = await signedIn(app, user)
  const { verifier, challenge } = pkce()
  const start = await browser.get(authorizeUrl(params(client, challenge, { acr_values: '2' })))
  t.match(start.headers.location, /^\/login\?request_id=/, 'a password-only sign-in does not answer')
  const requestId = requestIdOf(start.headers.location)!
  t.equal((await passwordStep(browser, user, requestId)).headers.location, '/login/second-factor')
  const done = await secondStep(browser, 'totp', codeFor(secret))
  t.match(done.headers.location, /^\/consent\?request_id=/)
  const payload = await idTokenAfterConsent(browser, client, verifier, done.headers.location!)
  t.same(payload.amr, ['pwd', 'otp', 'mfa'])
  t.equal(payload.acr, '2')
})

t.test('max_age=0 signs in again with the second factor; acr_values=1 is met by it too', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const { user, secret } = await enrolledUser(app)
  const browser = new Browser(app)
  await passwordStep(browser, user)
  await secondStep(browser, 'totp', codeFor(secret, { steps: 0 }))
  const { challenge } = pkce()
  const start = await browser.get(authorizeUrl(params(client, challenge, { max_age: '0', acr_values: '1' })))
  const requestId = requestIdOf(start.headers.location)!
  t.equal((await passwordStep(browser, user, requestId)).headers.location, '/login/second-factor', 'the password alone does not do')
})

t.test('a user without a factor, where one is required, signs in with the password and is sent to set one up', async (t) => {
  for (const [name, env, metadata, extra] of [
    ['acr_values', {}, {}, { acr_values: '2' }],
    ['client', {}, { require_second_factor: true }, {}],
    ['global', { REQUIRE_SECOND_FACTOR: 'true' }, {}, {}]
  ] as const) {
    const app = await build(t, env)
    const client = await createOidcClient(app, metadata)
    const user = (await import('../account/support.js')).holder(app)
    const browser = new Browser(app)
    const { challenge } = pkce()
    const start = await browser.get(authorizeUrl(params(client, challenge, extra)))
    const signIn = await passwordStep(browser, await user, requestIdOf(start.headers.location))
    t.equal(signIn.headers.location, '/account/two-factor?done=required', name)
    t.match((await browser.get(signIn.headers.location!)).body, 'Signing in needs a second factor')
    const again = await browser.get(authorizeUrl(params(client, challenge, extra)))
    t.match(again.headers.location, /^\/login\?request_id=/, `${name}: the password-only session answers no request`)
  }
})

t.test('a client requiring a second factor says so in its metadata', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app, { require_second_factor: true })
  t.equal(client.require_second_factor, true)
  t.notOk('require_second_factor' in await createOidcClient(app), 'absent when not required')
})

t.test('the password grant is refused to an account with a second factor and to a client requiring one', async (t) => {
  const app = await build(t)
  const { user } = await enrolledUser(app)
  const plainUser = await (await import('../account/support.js')).holder(app)
  const legacy = await createClient(app, { client_name: 'legacy', grant_types: ['password'], scope: 'ships:read' })
  const strict = await createClient(app, { client_name: 'strict', grant_types: ['password'], scope: 'ships:read', require_second_factor: true })
  const grant = (client: ClientWithSecret, who: { username: string, password: string }) =>
    postForm(app, '/token', { grant_type: 'password', username: who.username, password: who.password }, { authorization: basic(client.client_id, client.client_secret!) })
  const factor = await grant(legacy, user)
  t.equal(factor.statusCode, 400)
  t.equal(factor.json().error, 'invalid_grant')
  t.match(factor.json().error_description, 'second factor')
  const required = await grant(strict, plainUser)
  t.equal(required.json().error, 'unauthorized_client')
  t.equal((await grant(legacy, plainUser)).statusCode, 200, 'an account without a factor, at a client without the rule')
  t.notOk(await isSignedIn(new Browser(app)))
})
