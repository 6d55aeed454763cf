// The OpenID Connect code flow end to end with openid-client as the relying party: PKCE, state and nonce checked, the
// id_token's signature (RS256 by default, ES256 when registered), iss, aud and exp validated against discovery and
// the published keys, and a refresh returning an id_token for the same sign-in.
import { createHash } from 'node:crypto'
import t from 'tap'
import { authorize, Browser } from './browser.js'
import { authorizationRequest, oidc, relyingParty } from './openid.js'
import { signUp, startSystem } from './system.js'

const header = (jwt: string): { alg: string, kid: string, typ?: string } =>
  JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())

/** at_hash (Core §3.1.3.6): openid-client leaves it to the relying party, so the test checks it. */
const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url')

t.test('a relying party signs a user in with the code flow, and refreshes into a new id_token for the same sign-in', async (t) => {
  const system = await startSystem(t)
  const user = await signUp(system)
  const browser = new Browser()
  const signIns: Array<{ sid: unknown, authTime: unknown }> = []

  for (const alg of [undefined, 'ES256'] as const) {
    t.test(`a client registered ${alg === undefined ? 'on the default (RS256)' : `with ${alg}`}`, async (t) => {
      const rp = await relyingParty(system, alg === undefined ? {} : { id_token_signed_response_alg: alg })
      const expected = alg ?? 'RS256'
      t.equal(rp.client.id_token_signed_response_alg, expected)

      const { url, checks } = await authorizationRequest(rp.config, { scope: 'openid offline_access' })
      const callback = await authorize(browser, url, user)
      // openid-client checks state and iss here, PKCE and nonce at the exchange, and the id_token's signature,
      // alg, iss, aud, exp and iat against the discovered issuer and its keys.
      const tokens = await oidc.authorizationCodeGrant(rp.config, callback, checks)
      t.equal(header(tokens.id_token!).alg, expected, `the id_token is signed with ${expected}`)
      t.equal(header(tokens.id_token!).typ, 'JWT')
      const claims = tokens.claims()!
      t.match(claims, {
        iss: system.auth,
        sub: user.id,
        aud: rp.client.client_id,
        nonce: checks.expectedNonce,
        auth_time: Number,
        amr: ['pwd'],
        acr: '1',
        sid: String,
        at_hash: atHash(tokens.access_token)
      })
      t.ok(claims.exp > claims.iat && claims.iat >= claims.auth_time!, 'issued after the sign-in, expires after issue')
      t.equal(claims.preferred_username, undefined, 'no profile claims without the profile scope')
      signIns.push({ sid: claims.sid, authTime: claims.auth_time })

      const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!)
      t.not(refreshed.id_token, undefined, 'a refresh of an openid grant returns an id_token')
      t.equal(header(refreshed.id_token!).alg, expected)
      const again = refreshed.claims()!
      t.match(again, { iss: system.auth, sub: claims.sub, aud: rp.client.client_id, auth_time: claims.auth_time, sid: claims.sid })
      t.equal(again.nonce, undefined, 'a refreshed id_token carries no nonce')
      t.equal(again.at_hash, atHash(refreshed.access_token), 'bound to the new access token')
      t.not(refreshed.refresh_token, tokens.refresh_token, 'the refresh token rotates')

      const userinfo = await oidc.fetchUserInfo(rp.config, refreshed.access_token, claims.sub)
      t.same(userinfo, { sub: user.id }, 'the refreshed access token reads userinfo for the same subject')
    })
  }

  t.test('one browser sign-in answers both clients: the same sid and auth_time', async (t) => {
    t.equal(signIns.length, 2)
    t.same(signIns[1], signIns[0])
  })

  t.test('once each algorithm has signed, the key set publishes a key for both', async (t) => {
    const jwks = await (await fetch(`${system.auth}/jwks.json`)).json() as { keys: Array<{ alg: string }> }
    t.same([...new Set(jwks.keys.map((key) => key.alg))].sort(), ['ES256', 'RS256'])
  })
})
