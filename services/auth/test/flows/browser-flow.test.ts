import t from 'tap'
import { basic, build, decodeJwt, postForm } from '../helper.js'
import { authorizeUrl, Browser, createWebClient, hiddenFields, pkce, REDIRECT_URI, signUp } from '../browser.js'

t.test('the whole browser flow: authorize → sign in → consent → code → token → refresh → revoke', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const user = await signUp(app, 'grace', 'hopper is a long password')
  const browser = new Browser(app)
  const { verifier, challenge } = pkce()
  const params = {
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI,
    scope: 'ships:read', state: 'a b&c=d', code_challenge: challenge, code_challenge_method: 'S256'
  }

  const start = await browser.get(authorizeUrl(params))
  t.equal(start.statusCode, 302, 'not signed in: off to the login page')
  t.match(start.headers.location, /^\/login\?request_id=[\w-]{43}$/, 'carrying only the id of the request the server holds')
  const login = await browser.get(start.headers.location!)
  t.equal(login.statusCode, 200)
  t.match(login.headers['content-type'], /^text\/html/)
  t.match(login.body, /<label for="username">/)
  t.match(login.headers['content-security-policy'], /frame-ancestors 'none'/)
  t.equal(login.headers['x-frame-options'], 'DENY')
  t.equal(login.headers['referrer-policy'], 'no-referrer')
  t.equal(login.headers['cache-control'], 'no-store')
  const session = await browser.post('/login', { ...hiddenFields(login.body), username: 'grace', password: user.password })
  t.equal(session.statusCode, 303)
  t.equal(session.headers.location, start.headers.location!.replace('/login', '/consent'), 'then to consent for that request')
  t.match(String(session.headers['set-cookie']), /keyhold_session=[^;]+;.*HttpOnly; SameSite=Lax/)

  const consent = await browser.get(session.headers.location!)
  t.equal(consent.statusCode, 200)
  t.match(consent.body, /Ship Tracker/)
  t.match(consent.body, /ships:read/)
  const answer = await browser.post('/consent', { ...hiddenFields(consent.body), decision: 'allow' })
  t.equal(answer.statusCode, 303)
  const back = new URL(answer.headers.location!)
  t.equal(`${back.origin}${back.pathname}`, REDIRECT_URI)
  t.equal(back.searchParams.get('state'), 'a b&c=d', 'state comes back exactly')
  t.equal(back.searchParams.get('iss'), app.config.issuer)
  const code = back.searchParams.get('code')!
  t.ok(Buffer.from(code, 'base64url').length >= 16, 'at least 128 bits')

  const tokens = await postForm(app, '/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, auth)
  t.equal(tokens.statusCode, 200)
  t.equal(tokens.headers['cache-control'], 'no-store')
  const body = tokens.json()
  t.match(body, { token_type: 'Bearer', expires_in: 3600, scope: 'ships:read', refresh_token: String })
  t.match(decodeJwt(body.access_token).payload, { sub: user.id, client_id: client.client_id, username: 'grace' })
  const me = await app.inject({ url: '/api/users/me', headers: { authorization: `Bearer ${body.access_token}` } })
  t.equal(me.statusCode, 401, 'a ships:read token is for the resource service, not the account API')

  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token }, auth)
  t.equal(refreshed.statusCode, 200)
  const next = refreshed.json()
  t.not(next.refresh_token, body.refresh_token, 'rotated')
  const introspected = await postForm(app, '/introspect', { token: next.refresh_token }, auth)
  t.match(introspected.json(), { active: true, token_type: 'refresh_token', sub: user.id, client_id: client.client_id, scope: 'ships:read' })

  t.equal((await postForm(app, '/revoke', { token: next.refresh_token }, auth)).statusCode, 200)
  for (const token of [next.refresh_token, next.access_token]) {
    t.same((await postForm(app, '/introspect', { token }, auth)).json(), { active: false }, 'the grant ended')
  }
  const again = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: next.refresh_token }, auth)
  t.equal(again.json().error, 'invalid_grant')
})
