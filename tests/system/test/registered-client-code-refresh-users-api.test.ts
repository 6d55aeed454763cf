// Classic scenario 1: a registered client gets a code for a user who signed up through the API,
// exchanges it for access and refresh tokens, refreshes, and calls the bearer-protected users API.
import t from 'tap'
import { authorize, Browser } from './browser.js'
import { bearer, postForm, signUp, startSystem, tokens } from './system.js'

const REDIRECT_URI = 'https://tracker.example/callback'

// users:read puts the identity service (its issuer) in the token's audience beside the resource service.
t.test('a client account obtains a code with its credentials, exchanges, refreshes and reads /api/users/me', async (t) => {
  const system = await startSystem(t)

  const registration = await fetch(`${system.auth}/admin/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  t.equal(registration.status, 401, 'registering a client takes the administrator credential')
  // users:read is a scope of the identity service: a token carrying it names the issuer in aud, as the users API asks.
  const client = await system.register({
    client_name: 'Ship Tracker', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: [REDIRECT_URI], scope: 'ships:read users:read'
  })
  t.match(client, { client_id: String, client_secret: String, client_name: 'Ship Tracker', scope: 'ships:read users:read' })

  const signUpResponse = await fetch(`${system.auth}/api/users`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'grace', password: 'violet tugboat measures the harbour' })
  })
  const user = await signUpResponse.json() as { id: string }
  t.equal(signUpResponse.status, 201)
  t.equal(signUpResponse.headers.get('location'), `/api/users/${user.id}`)
  t.same(Object.keys(user).sort(), ['created_at', 'email_verified', 'id', 'updated_at', 'username'], 'the password never comes back')

  // Like the tutorial's confidential client, no PKCE: the client secret authenticates the exchange.
  const authorizeUrl = new URL('/authorize', system.auth)
  authorizeUrl.search = new URLSearchParams({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read users:read', state: 'tutorial'
  }).toString()
  const callback = await authorize(new Browser(), authorizeUrl, { username: 'grace', password: 'violet tugboat measures the harbour' })
  t.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI)
  t.equal(callback.searchParams.get('state'), 'tutorial')
  t.equal(callback.searchParams.get('iss'), system.auth)
  const code = callback.searchParams.get('code')!

  const tokenUrl = `${system.auth}/token`
  const stranger = await system.register({ client_name: 'Stranger', grant_types: ['authorization_code'], redirect_uris: [REDIRECT_URI] })
  const stolen = await postForm(tokenUrl, stranger, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })
  t.equal(stolen.status, 400)
  t.same(await stolen.json(), { error: 'invalid_grant', error_description: 'the authorization code is invalid or expired' })

  const issued = await tokens(t, await postForm(tokenUrl, client, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }))
  t.equal(issued.scope, 'ships:read users:read')
  t.type(issued.refresh_token, 'string')

  const refreshed = await tokens(t, await postForm(tokenUrl, client, { grant_type: 'refresh_token', refresh_token: issued.refresh_token! }))
  t.not(refreshed.access_token, issued.access_token)
  t.type(refreshed.refresh_token, 'string')
  t.not(refreshed.refresh_token, issued.refresh_token, 'the refresh token rotates')

  const me = await fetch(`${system.auth}/api/users/me`, { headers: bearer(refreshed.access_token) })
  t.equal(me.status, 200)
  t.equal(me.headers.get('cache-control'), 'no-store')
  t.match(await me.json(), { id: user.id, username: 'grace' })

  const anonymous = await fetch(`${system.auth}/api/users/me`)
  t.equal(anonymous.status, 401)
  t.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="keyhold"')

  const forged = await fetch(`${system.auth}/api/users/me`, { headers: bearer(`${refreshed.access_token.slice(0, -4)}AAAA`) })
  t.equal(forged.status, 401)
  t.match(forged.headers.get('www-authenticate'), /^Bearer realm="keyhold", error="invalid_token"/)
})
