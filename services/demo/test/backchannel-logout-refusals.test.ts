// A logout token that fails any check of Back-Channel Logout §2.6 is answered 400 with an OAuth error body (§2.8) and
// ends nothing: each case below differs from a valid token for the signed-in session in one way only.
import { generateKeyPairSync } from 'node:crypto'
import t from 'tap'
import { signIn } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'
import { EVENT, logoutToken, postLogout, signedInClaims, type LogoutTokenOptions } from './helpers/logout-token.js'

const keyhold = await startKeyhold(t)
const { app, client, backChannel, user, browser } = await setup(t, keyhold)
await signIn(browser, user)
const [{ sid }] = signedInClaims(backChannel) as [{ sid: string }]
const now = Math.floor(Date.now() / 1000)
const es256 = await keyhold.app.signing.signer('ES256')
const rs256 = await keyhold.app.signing.signer('RS256')

/** Each case: how the token differs, and what the refusal says. */
const cases: Record<string, [LogoutTokenOptions, RegExp]> = {
  'a signature by another key under the identity service\'s key id': [{
    signer: { alg: 'RS256', kid: rs256.kid, key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }
  }, /signature does not verify/],
  'another algorithm than the one registered, by a published key': [{ signer: es256 }, /not signed with the registered algorithm/],
  'another audience': [{ claims: { aud: 'another-client' } }, /for another client/],
  'another issuer': [{ claims: { iss: 'https://attacker.example' } }, /from another issuer/],
  'no events': [{ claims: { events: undefined } }, /events claim/],
  'events without the back-channel logout event': [{ claims: { events: { 'http://schemas.openid.net/event/other': {} } } }, /back-channel logout event/],
  'the event with a value that is not an object': [{ claims: { events: { [EVENT]: 'logout' } } }, /back-channel logout event/],
  'a nonce': [{ claims: { nonce: 'n-0S6_WzA2Mj' } }, /nonce/],
  'neither sid nor sub': [{ claims: { sid: undefined, sub: undefined } }, /neither a sid nor a sub/],
  'a sid that is not a string': [{ claims: { sid: 42 } }, /sid or sub is not a string/],
  'another typ': [{ typ: 'JWT' }, /not typed logout\+jwt/],
  'no typ': [{ typ: null }, /not typed logout\+jwt/],
  'an expired token': [{ claims: { iat: now - 300, exp: now - 120 } }, /expired/],
  'an iat long past': [{ claims: { iat: now - 7200 } }, /too old/],
  'an iat in the future': [{ claims: { iat: now + 3600, exp: now + 3700 } }, /iat claim/],
  'no iat': [{ claims: { iat: undefined } }, /iat claim/],
  'no exp': [{ claims: { exp: undefined } }, /exp claim/],
  'no jti': [{ claims: { jti: undefined } }, /jti claim/]
}

for (const [name, [options, reason]] of Object.entries(cases)) {
  t.test(`refused: ${name}`, async (t) => {
    const token = await logoutToken(keyhold, client.client_id, { ...options, claims: { sid, ...options.claims } })
    const response = await postLogout(app, token)
    t.equal(response.statusCode, 400)
    t.equal(response.headers['cache-control'], 'no-store')
    t.match(response.json(), { error: 'invalid_request', error_description: reason })
    t.match((await browser.get('/')).body, 'id="sign-out"', 'the session goes on')
  })
}

t.test('refused: a replayed token, even one that ended nothing the first time', async (t) => {
  const token = await logoutToken(keyhold, client.client_id, { claims: { sid: 'another-session' } })
  t.equal((await postLogout(app, token)).statusCode, 200)
  const replayed = await postLogout(app, token)
  t.equal(replayed.statusCode, 400)
  t.match(replayed.json(), { error: 'invalid_request', error_description: 'the logout token was used before' })
})

t.test('refused: what is not a logout token at all', async (t) => {
  for (const body of ['logout_token=not.a.jwt', 'logout_token=', '', 'logout_token=a&logout_token=b']) {
    const response = await app.inject({ method: 'POST', url: '/backchannel-logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body })
    t.equal(response.statusCode, 400, JSON.stringify(body))
    t.match(response.json(), { error: 'invalid_request' })
  }
  const json = await app.inject({ method: 'POST', url: '/backchannel-logout', payload: { logout_token: 'x' } })
  t.equal(json.statusCode, 400, 'a JSON body')
  t.match(json.json(), { error: 'invalid_request' })
  t.match((await browser.get('/')).body, 'id="sign-out"', 'the session goes on')
})
