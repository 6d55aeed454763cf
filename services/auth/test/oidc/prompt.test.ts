// prompt, max_age, login_hint and id_token_hint at /authorize (OpenID Connect Core §3.1.2.1, §3.1.2.6).
import t from 'tap'
import type { Test } from 'tap'
import { generateKeyPair, SignJWT } from 'jose'
import { build } from '../helper.js'
import { authorizeUrl, hiddenFields, pkce, REDIRECT_URI, requestIdOf, signIn } from '../browser.js'
import { codeFlowTokens, createOidcClient, userWithBrowser, verifiedIdToken } from './support.js'

t.test('prompt, max_age, login_hint and id_token_hint', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const signed = await userWithBrowser(app)
  const { browser, user } = signed
  const { challenge } = pkce()
  const request = (extra: Record<string, string>) => authorizeUrl({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid ships:read',
    state: 'st', code_challenge: challenge, code_challenge_method: 'S256', ...extra
  })
  /** The error an authorization request is answered with at the redirect URI, never a page. */
  const answeredWith = async (t: Test, from: typeof browser, extra: Record<string, string>, error: string) => {
    const response = await from.get(request(extra))
    t.equal(response.statusCode, 302, 'answered with a redirect, not a page')
    const url = new URL(response.headers.location!)
    t.equal(`${url.origin}${url.pathname}`, REDIRECT_URI)
    t.equal(url.searchParams.get('error'), error)
    t.equal(url.searchParams.get('state'), 'st')
    t.equal(url.searchParams.get('iss'), app.config.issuer)
  }

  await t.test('prompt=none without a session: login_required at the client', (t) => answeredWith(t, browser, { prompt: 'none' }, 'login_required'))

  const { body: first } = await codeFlowTokens(app, signed, client)
  const firstToken = (await verifiedIdToken(app, first.id_token, client)).payload

  await t.test('prompt=none with a session and consent: a code at once', async (t) => {
    const response = await browser.get(request({ prompt: 'none' }))
    t.match(new URL(response.headers.location!).searchParams.get('code'), /^[\w-]{43}$/)
  })
  await t.test('prompt=none when consent is missing: consent_required', async (t) => {
    const other = await createOidcClient(app)
    const response = await browser.get(request({ prompt: 'none', client_id: other.client_id }))
    t.equal(new URL(response.headers.location!).searchParams.get('error'), 'consent_required')
  })
  await t.test('prompt=none for a public loopback client, which always needs consent: consent_required', async (t) => {
    const native = await createOidcClient(app, { token_endpoint_auth_method: 'none', redirect_uris: ['http://127.0.0.1/callback'] })
    const response = await browser.get(authorizeUrl({
      response_type: 'code', client_id: native.client_id, redirect_uri: 'http://127.0.0.1:4242/callback', scope: 'openid',
      code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none'
    }))
    t.equal(new URL(response.headers.location!).searchParams.get('error'), 'consent_required')
  })
  await t.test('prompt=none with another user’s id_token_hint: login_required', async (t) => {
    const stranger = await userWithBrowser(app)
    const { body } = await codeFlowTokens(app, stranger, client)
    await answeredWith(t, browser, { prompt: 'none', id_token_hint: body.id_token }, 'login_required')
  })
  await t.test('prompt=none with the user’s own id_token_hint, even expired-looking old: a code', async (t) => {
    const response = await browser.get(request({ prompt: 'none', id_token_hint: first.id_token }))
    t.ok(new URL(response.headers.location!).searchParams.get('code'))
  })
  await t.test('a forged or foreign id_token_hint: invalid_request', async (t) => {
    const [head, payload] = first.id_token.split('.')
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...firstToken, sub: 'someone-else' })).toString('base64url')}.${first.id_token.split('.')[2]}`
    await answeredWith(t, browser, { prompt: 'none', id_token_hint: tampered }, 'invalid_request')
    const { privateKey } = await generateKeyPair('RS256')
    const foreign = await new SignJWT({ ...firstToken }).setProtectedHeader({ alg: 'RS256', kid: decodeKid(first.id_token) }).sign(privateKey)
    await answeredWith(t, browser, { id_token_hint: foreign }, 'invalid_request')
    await answeredWith(t, browser, { id_token_hint: `${head}.${payload}.` }, 'invalid_request')
    const otherClient = await createOidcClient(app)
    await answeredWith(t, browser, { client_id: otherClient.client_id, id_token_hint: first.id_token }, 'invalid_request')
  })
  await t.test('prompt values: none alone, only those supported', async (t) => {
    await answeredWith(t, browser, { prompt: 'none login' }, 'invalid_request')
    await answeredWith(t, browser, { prompt: 'select_account' }, 'invalid_request')
    await answeredWith(t, browser, { max_age: '-1' }, 'invalid_request')
    await answeredWith(t, browser, { max_age: '1e3' }, 'invalid_request')
  })

  await t.test('prompt=login signs the user in again, and auth_time moves', async (t) => {
    const start = await browser.get(request({ prompt: 'login' }))
    t.match(start.headers.location, /^\/login\?request_id=/, 'the sign-in page, though a session exists')
    const page = await browser.get(start.headers.location!)
    t.equal(page.statusCode, 200)
    t.match(page.body, /action="\/login"/)
    const consentWithout = await browser.get(start.headers.location!.replace('/login', '/consent'))
    t.match(consentWithout.headers.location, /^\/login\?/, 'consent cannot be reached without signing in again')
    const again = await browser.follow(await signIn(browser, user, requestIdOf(start.headers.location)))
    const code = new URL(again.headers.location!).searchParams.get('code')
    t.ok(code, 'then answered without a new consent')
  })
  await t.test('max_age=0 asks for a fresh sign-in; a generous max_age does not', async (t) => {
    const fresh = await browser.get(request({ max_age: '0' }))
    t.match(fresh.headers.location, /^\/login\?/)
    const generous = await browser.get(request({ max_age: '3600' }))
    t.ok(new URL(generous.headers.location!).searchParams.get('code'))
  })
  await t.test('prompt=consent shows the consent page again', async (t) => {
    const response = await browser.get(request({ prompt: 'consent' }))
    t.equal(response.statusCode, 200)
    t.match(response.body, /action="\/consent"/)
    t.ok(hiddenFields(response.body).request_id)
  })
  await t.test('login_hint fills in the username, escaped', async (t) => {
    const stranger = await userWithBrowser(app)
    const start = await stranger.browser.get(request({ login_hint: '"><script>alert(1)</script>' }))
    const page = await stranger.browser.get(start.headers.location!)
    t.match(page.body, 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
    t.notMatch(page.body, '<script>alert(1)')
    const named = await stranger.browser.get((await stranger.browser.get(request({ login_hint: user.username }))).headers.location!)
    t.match(named.body, `value="${user.username}"`)
  })
})

function decodeKid (token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid
}
