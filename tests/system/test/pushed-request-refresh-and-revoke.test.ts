// Classic scenario 3: an API client asks for an authorization URL (a pushed request), the user signs in,
// the client refreshes, then revokes: the grant's refresh and access tokens all stop working everywhere.
import t from 'tap'
import { authorize, Browser } from './browser.js'
import { bearer, eventually, pkce, postForm, signUp, startSystem, tokens } from './system.js'

const REDIRECT_URI = 'https://cli.example/callback'

t.test('pushed authorization request, sign-in, refresh, then revocation ends the whole grant', async (t) => {
  const system = await startSystem(t)
  const user = await signUp(system)
  const client = await system.register({
    client_name: 'Fleet CLI', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: [REDIRECT_URI], scope: 'ships:read calls'
  })
  const { verifier, challenge } = pkce()

  const pushed = await postForm(`${system.auth}/par`, client, {
    response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'calls', state: 'cli-7', code_challenge: challenge, code_challenge_method: 'S256'
  })
  t.equal(pushed.status, 201)
  t.equal(pushed.headers.get('cache-control'), 'no-store')
  const { request_uri: requestUri, expires_in: expiresIn } = await pushed.json() as { request_uri: string, expires_in: number }
  t.match(requestUri, /^urn:ietf:params:oauth:request_uri:/)
  t.equal(expiresIn, 60)

  // The URL the user opens carries nothing but the client and the reference to its pushed request.
  const authorizationUrl = `${system.auth}/authorize?${new URLSearchParams({ client_id: client.client_id, request_uri: requestUri })}`
  const browser = new Browser()
  const callback = await authorize(browser, authorizationUrl, user)
  t.equal(callback.searchParams.get('state'), 'cli-7')
  t.equal(callback.searchParams.get('iss'), system.auth)

  const reused = await browser.get(authorizationUrl)
  t.equal(reused.status, 400, 'a pushed request serves one authorization')
  t.equal(reused.location, undefined)

  const first = await tokens(t, await postForm(`${system.auth}/token`, client, {
    grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT_URI, code_verifier: verifier
  }))
  t.equal(first.scope, 'calls')
  const second = await tokens(t, await postForm(`${system.auth}/token`, client, { grant_type: 'refresh_token', refresh_token: first.refresh_token! }))
  const accessTokens = [first.access_token, second.access_token]

  const resourceAccepts = async (token: string) => (await fetch(`${system.resource}/api/calls`, { headers: bearer(token) })).status === 200
  for (const token of accessTokens) t.ok(await resourceAccepts(token), 'the resource service accepts each access token of the grant')

  const revoked = await postForm(`${system.auth}/revoke`, client, { token: second.refresh_token!, token_type_hint: 'refresh_token' })
  t.equal(revoked.status, 200)
  t.equal(await revoked.text(), '')

  const refresh = await postForm(`${system.auth}/token`, client, { grant_type: 'refresh_token', refresh_token: second.refresh_token! })
  t.equal(refresh.status, 400)
  t.equal(refresh.headers.get('cache-control'), 'no-store')
  t.same(await refresh.json(), { error: 'invalid_grant', error_description: 'the refresh token is invalid, expired or revoked' })

  for (const token of [...accessTokens, second.refresh_token!]) {
    const introspection = await postForm(`${system.auth}/introspect`, client, { token })
    t.equal(introspection.status, 200)
    t.same(await introspection.json(), { active: false }, 'every token of the grant is inactive at introspection')
  }

  // The resource service had cached its answers; the revocation reaches it over Redis.
  for (const token of accessTokens) {
    t.ok(await eventually(async () => !(await resourceAccepts(token))), 'the resource service refuses the access token')
    const refused = await fetch(`${system.resource}/api/calls`, { headers: bearer(token) })
    t.equal(refused.status, 401)
    t.equal(refused.headers.get('www-authenticate'),
      'Bearer realm="keyhold", error="invalid_token", error_description="the access token is not active"')
    t.same(await refused.json(), { error: 'invalid_token', error_description: 'the access token is not active' })
  }

  const unknown = await postForm(`${system.auth}/revoke`, client, { token: 'never-issued' })
  t.equal(unknown.status, 200, 'revoking an unknown token is not an error')
})
