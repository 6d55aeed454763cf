// Classic scenario 2: a browser goes through the login and grant pages (code flow, and the implicit
// flow for a client flagged for it), then the tokens place, read (JSON and XML), end and list calls.
import t from 'tap'
import { authorize, Browser, decide, signIn } from './browser.js'
import { bearer, pkce, postForm, signUp, startSystem, tokens } from './system.js'

const REDIRECT_URI = 'https://phone.example/callback'

t.test('browser code flow and implicit flow, then the calls API of the resource service', async (t) => {
  const system = await startSystem(t)
  const user = await signUp(system)
  const client = await system.register({
    client_name: 'Phone', grant_types: ['authorization_code'], redirect_uris: [REDIRECT_URI], scope: 'calls'
  })

  const { verifier, challenge } = pkce()
  const browser = new Browser()
  const toLogin = await browser.get(`${system.auth}/authorize?${new URLSearchParams({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'calls', state: 's1',
    code_challenge: challenge, code_challenge_method: 'S256'
  })}`)
  t.equal(toLogin.status, 302, '/authorize sends a browser without a session to the login page')
  t.equal(toLogin.location?.pathname, '/login')

  const loginPage = await browser.follow(toLogin)
  t.equal(loginPage.status, 200)
  t.match(loginPage.headers.get('content-type'), /^text\/html/)
  t.match(loginPage.headers.get('content-security-policy'), /frame-ancestors 'none'/)
  t.equal(loginPage.headers.get('x-frame-options'), 'DENY')
  t.match(loginPage.body, /name="_csrf"/, 'the login form carries a CSRF token')

  const withoutCsrf = await browser.post(`${system.auth}/login`, { username: user.username, password: user.password })
  t.equal(withoutCsrf.status, 403, 'a login post without the CSRF token is refused')

  const signedIn = await signIn(browser, loginPage, user)
  t.equal(signedIn.status, 303)
  t.equal(signedIn.location?.pathname, '/consent', 'on to consent for the pending request')

  const consentPage = await browser.follow(signedIn)
  t.equal(consentPage.status, 200)
  t.match(consentPage.body, 'Allow Phone to use your account?')
  t.match(consentPage.body, '<code>calls</code>')

  const granted = await decide(browser, consentPage, 'allow')
  t.equal(granted.status, 303)
  const callback = granted.location!
  t.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI)
  t.equal(callback.searchParams.get('state'), 's1')
  t.equal(callback.searchParams.get('iss'), system.auth)

  const { access_token: codeToken } = await tokens(t, await postForm(`${system.auth}/token`, client, {
    grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT_URI, code_verifier: verifier
  }))

  t.test('the implicit flow hands a flagged client its token in the fragment', async (t) => {
    const legacy = await system.register({
      client_name: 'Old phone', grant_types: ['implicit'], redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none', scope: 'calls'
    })
    const url = await authorize(browser, `${system.auth}/authorize?${new URLSearchParams({
      response_type: 'token', client_id: legacy.client_id, redirect_uri: REDIRECT_URI, scope: 'calls', state: 's2'
    })}`, user)
    t.equal(url.search, '', 'nothing in the query')
    const fragment = new URLSearchParams(url.hash.slice(1))
    t.match(Object.fromEntries(fragment), { token_type: 'Bearer', expires_in: '3600', scope: 'calls', state: 's2', iss: system.auth })
    t.notOk(fragment.has('refresh_token'))
    const me = await fetch(`${system.resource}/api/me`, { headers: bearer(fragment.get('access_token')!) })
    t.equal(me.status, 200)
    t.match(await me.json(), { sub: user.id, client_id: legacy.client_id, scope: 'calls', username: user.username })
  })

  t.test('a call is placed, read as JSON and as XML, ended, and the ongoing ones listed', async (t) => {
    const api = (path: string, init: { method?: string, accept?: string, body?: object } = {}) => fetch(`${system.resource}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...bearer(codeToken), ...(init.accept && { accept: init.accept }), ...(init.body && { 'content-type': 'application/json' }) },
      ...(init.body && { body: JSON.stringify(init.body) })
    })
    const placed = await api('/api/calls', { method: 'POST', body: { number: '+14155550100' } })
    const call = await placed.json() as { id: string }
    t.equal(placed.status, 201)
    t.equal(placed.headers.get('location'), `/api/calls/${call.id}`)
    t.equal(placed.headers.get('cache-control'), 'no-store')
    t.match(call, { number: '+14155550100', status: 'ongoing', started_at: String })
    const other = await (await api('/api/calls', { method: 'POST', body: { number: '+14155550199' } })).json() as { id: string }

    const asJson = await api(placed.headers.get('location')!, { accept: 'application/json' })
    t.equal(asJson.status, 200)
    t.equal(asJson.headers.get('content-type'), 'application/json; charset=utf-8')
    t.same(await asJson.json(), call)

    const asXml = await api(`/api/calls/${call.id}`, { accept: 'application/xml' })
    t.equal(asXml.status, 200)
    t.equal(asXml.headers.get('content-type'), 'application/xml; charset=utf-8')
    const xml = await asXml.text()
    t.match(xml, `<call>\n  <id>${call.id}</id>\n  <number>+14155550100</number>\n  <status>ongoing</status>`)

    const ended = await api(`/api/calls/${call.id}`, { method: 'PUT', body: { status: 'ended' } })
    t.equal(ended.status, 200)
    t.match(await ended.json(), { id: call.id, status: 'ended', ended_at: String })
    const again = await api(`/api/calls/${call.id}`, { method: 'PUT', body: { status: 'ended' } })
    t.equal(again.status, 409)

    const ongoing = await api('/api/calls?status=ongoing')
    t.equal(ongoing.status, 200)
    t.same((await ongoing.json() as { calls: Array<{ id: string }> }).calls.map((c) => c.id), [other.id])

    const stranger = await signUp(system)
    const { access_token: strangerToken } = await tokens(t, await postForm(`${system.auth}/token`, client, {
      grant_type: 'authorization_code', redirect_uri: REDIRECT_URI,
      code: (await authorize(new Browser(), `${system.auth}/authorize?${new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'calls' })}`, stranger)).searchParams.get('code')!
    }))
    const notTheirs = await fetch(`${system.resource}/api/calls/${call.id}`, { headers: bearer(strangerToken) })
    t.equal(notTheirs.status, 404, "another user's call does not exist for them")
  })

  t.test('the access token in the query string works only where the resource service allows it', async (t) => {
    const refused = await fetch(`${system.resource}/api/calls?access_token=${codeToken}`)
    t.equal(refused.status, 401)
    t.equal(refused.headers.get('www-authenticate'), 'Bearer realm="keyhold"')

    const permissive = await system.startResource({ ALLOW_QUERY_TOKEN: 'true' })
    const accepted = await fetch(`${permissive}/api/calls?access_token=${codeToken}`)
    t.equal(accepted.status, 200)
    t.same(await accepted.json(), { calls: [] }, 'that instance keeps its own calls')

    const both = await fetch(`${permissive}/api/calls?access_token=${codeToken}`, { headers: bearer(codeToken) })
    t.equal(both.status, 400, 'a token sent two ways at once is refused')
    t.match(both.headers.get('www-authenticate'), /^Bearer realm="keyhold", error="invalid_request"/)
  })
})
