// /userinfo as openid-client calls it: the claims released follow the scopes granted (openid → sub; email → the
// address; profile → the names), and a token for another API (the resource service's) is refused.
import t from 'tap'
import { authorize, Browser } from './browser.js'
import { authorizationRequest, oidc, relyingParty, rejection, signIn } from './openid.js'
import { bearer, signUp, startSystem } from './system.js'

t.test('userinfo releases the claims of the scopes granted, and only to tokens for the identity service', async (t) => {
  const system = await startSystem(t)
  const rp = await relyingParty(system)
  const user = await signUp(system, 'ada', { email: 'Ada@Example.org', name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace' })
  const browser = new Browser()

  /** The userinfo response for a token granted `scope`; openid-client checks its sub is the id_token's. */
  const userinfoFor = async (scope: string) => {
    const tokens = await signIn(rp, browser, user, { scope })
    t.equal(tokens.scope, scope, `${scope} is granted`)
    return oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub)
  }

  t.test('openid alone: sub, and nothing else', async (t) => {
    t.same(await userinfoFor('openid'), { sub: user.id })
  })

  t.test('with email: the address and whether it is verified', async (t) => {
    t.same(await userinfoFor('openid email'), { sub: user.id, email: user.email, email_verified: false })
  })

  t.test('with profile: the names and the username, and when they changed', async (t) => {
    const claims = await userinfoFor('openid profile')
    t.same(claims, {
      sub: user.id,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      preferred_username: 'ada',
      updated_at: Math.floor(Date.parse(user.updated_at) / 1000)
    })
  })

  t.test('with both: every claim of both', async (t) => {
    const claims = await userinfoFor('openid profile email')
    t.same(Object.keys(claims).sort(),
      ['email', 'email_verified', 'family_name', 'given_name', 'name', 'preferred_username', 'sub', 'updated_at'])
  })

  t.test('a token for the resource service\'s API alone is refused, though that API takes it', async (t) => {
    const { url, checks } = await authorizationRequest(rp.config, { scope: 'calls' })
    const callback = await authorize(browser, url, user)
    // No openid scope: a plain OAuth exchange, with no id_token to expect.
    const tokens = await oidc.authorizationCodeGrant(rp.config, callback, { pkceCodeVerifier: checks.pkceCodeVerifier, expectedState: checks.expectedState })
    t.equal(tokens.scope, 'calls')
    t.equal(tokens.id_token, undefined)
    t.equal((await fetch(`${system.resource}/api/me`, { headers: bearer(tokens.access_token) })).status, 200, 'the resource service accepts it')

    const error = await rejection(oidc.fetchUserInfo(rp.config, tokens.access_token, oidc.skipSubjectCheck))
    t.match(error, { name: 'WWWAuthenticateChallengeError', status: 401 })
    const [challenge] = (error as oidc.WWWAuthenticateChallengeError).cause
    t.match(challenge, { scheme: 'bearer', parameters: { error: 'invalid_token' } })
  })

  t.test('an access token that was never issued is refused with a challenge', async (t) => {
    const error = await rejection(oidc.fetchUserInfo(rp.config, 'not-a-token', oidc.skipSubjectCheck))
    t.match(error, { name: 'WWWAuthenticateChallengeError', status: 401 })
  })
})
