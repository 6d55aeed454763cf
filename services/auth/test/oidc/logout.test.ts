// RP-initiated logout at /logout (RP-Initiated Logout 1.0): who may sign a user out, where the browser goes after,
// and what ends with the session (OpenID Connect Core §11: grants without offline_access).
import t from 'tap'
import { generateKeyPair, SignJWT } from 'jose'
import { signJwt } from '@keyhold/service-kit/jose'
import { basic, build, postForm } from '../helper.js'
import { Browser, hiddenFields, signIn } from '../browser.js'
import { codeFlowTokens, createOidcClient, userWithBrowser, verifiedIdToken } from './support.js'

const SIGNED_OUT = 'https://app.example/signed-out'

t.test('RP-initiated logout', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app, { post_logout_redirect_uris: [SIGNED_OUT] })
  const refresh = (refreshToken: string) => postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken },
    { authorization: basic(client.client_id, client.client_secret!) })
  const signedIn = async (browser: Browser) => (await browser.get('/login')).body.includes('You are signed in')
  const logoutUrl = (parameters: Record<string, string>) => `/logout?${new URLSearchParams(parameters)}`

  await t.test('an id_token_hint of this very session signs out at once and returns with state', async (t) => {
    const signed = await userWithBrowser(app)
    const online = await codeFlowTokens(app, signed, client)
    const offline = await codeFlowTokens(app, signed, client, { scope: 'openid offline_access ships:read' })
    t.ok(offline.body.refresh_token)
    const response = await signed.browser.get(logoutUrl({ id_token_hint: online.body.id_token, post_logout_redirect_uri: SIGNED_OUT, state: 'bye' }))
    t.equal(response.statusCode, 302)
    t.equal(response.headers.location, `${SIGNED_OUT}?state=bye`)
    t.notOk(await signedIn(signed.browser), 'the session has ended')
    t.equal((await refresh(online.body.refresh_token)).json().error, 'invalid_grant', 'a grant without offline_access ended with it')
    t.equal((await refresh(offline.body.refresh_token)).statusCode, 200, 'a grant with offline_access outlives it')
  })

  await t.test('without proof of the session the user confirms first; a page elsewhere cannot sign anyone out', async (t) => {
    const signed = await userWithBrowser(app)
    await signIn(signed.browser, signed.user)
    const page = await signed.browser.get(logoutUrl({ client_id: client.client_id, post_logout_redirect_uri: SIGNED_OUT, state: 's' }))
    t.equal(page.statusCode, 200)
    t.match(page.body, /Sign out\?/)
    t.match(page.body, /Ship Tracker asks to sign you out/)
    t.ok(await signedIn(signed.browser), 'nothing ended yet')
    const forged = await signed.browser.post('/logout', { ...hiddenFields(page.body), _csrf: 'forged' })
    t.equal(forged.statusCode, 403, 'a wrong form token is refused')
    t.ok(await signedIn(signed.browser))
    const confirmed = await signed.browser.post('/logout', hiddenFields(page.body))
    t.equal(confirmed.statusCode, 303)
    t.equal(confirmed.headers.location, `${SIGNED_OUT}?state=s`)
    t.notOk(await signedIn(signed.browser))
  })

  await t.test('another session’s or user’s id_token only asks for confirmation', async (t) => {
    const victim = await userWithBrowser(app)
    await signIn(victim.browser, victim.user)
    const attacker = await userWithBrowser(app)
    const { body } = await codeFlowTokens(app, attacker, client)
    const page = await victim.browser.get(logoutUrl({ id_token_hint: body.id_token }))
    t.match(page.body, /Sign out\?/)
    t.ok(await signedIn(victim.browser))
  })

  await t.test('an expired id_token_hint this issuer signed is still a hint', async (t) => {
    const signed = await userWithBrowser(app)
    const { body } = await codeFlowTokens(app, signed, client)
    const { payload } = await verifiedIdToken(app, body.id_token, client)
    const past = Math.floor(Date.now() / 1000) - 7200
    const expired = await signJwt({ ...payload, iat: past, exp: past + 60 }, await app.signing.signer('RS256'), 'JWT')
    const response = await signed.browser.get(logoutUrl({ id_token_hint: expired, post_logout_redirect_uri: SIGNED_OUT }))
    t.equal(response.headers.location, SIGNED_OUT)
    t.notOk(await signedIn(signed.browser))
  })

  await t.test('refusals: forged or foreign hints, a client_id that is not the hint’s, an unregistered return URI', async (t) => {
    const signed = await userWithBrowser(app)
    const { body } = await codeFlowTokens(app, signed, client)
    const other = await createOidcClient(app, { post_logout_redirect_uris: ['https://other.example/bye'] })
    const { privateKey } = await generateKeyPair('RS256')
    const { payload } = await verifiedIdToken(app, body.id_token, client)
    const foreign = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'x' }).sign(privateKey)
    const [head, claims] = body.id_token.split('.')
    const refusals: Record<string, Record<string, string>> = {
      'a hint from another issuer': { id_token_hint: foreign },
      'a hint without its signature': { id_token_hint: `${head}.${claims}.` },
      'a client_id the hint was not issued to': { id_token_hint: body.id_token, client_id: other.client_id },
      'another client’s return URI': { id_token_hint: body.id_token, post_logout_redirect_uri: 'https://other.example/bye' },
      'a return URI without a client': { post_logout_redirect_uri: SIGNED_OUT },
      'an unknown client': { client_id: 'nobody', post_logout_redirect_uri: SIGNED_OUT }
    }
    for (const [why, parameters] of Object.entries(refusals)) {
      const response = await signed.browser.get(logoutUrl(parameters))
      t.equal(response.statusCode, 400, why)
      t.notOk(response.headers.location, `${why}: no redirect`)
    }
    t.ok(await signedIn(signed.browser), 'nothing was signed out')
  })

  await t.test('a signed-out browser is sent back at once to a registered return URI', async (t) => {
    const response = await new Browser(app).get(logoutUrl({ client_id: client.client_id, post_logout_redirect_uri: SIGNED_OUT, state: 'x' }))
    t.equal(response.headers.location, `${SIGNED_OUT}?state=x`)
  })

  await t.test('a client sends the browser by POST: the same request, confirmed by the user', async (t) => {
    const signed = await userWithBrowser(app)
    await signIn(signed.browser, signed.user)
    const page = await signed.browser.post('/logout', { client_id: client.client_id, post_logout_redirect_uri: SIGNED_OUT })
    t.equal(page.statusCode, 200)
    t.match(page.body, /Sign out\?/)
    t.ok(await signedIn(signed.browser))
  })
})
