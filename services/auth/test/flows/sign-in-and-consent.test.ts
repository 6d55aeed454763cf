import t from 'tap'
import { build } from '../helper.js'
import { authorize, authorizeUrl, Browser, codeFor, createWebClient, hiddenFields, pkce, REDIRECT_URI, signIn, signUp } from '../browser.js'

const POST_LOGOUT_URI = 'https://app.example/signed-out'

t.test('sign-in and consent pages', async (t) => {
  const app = await build(t, { LOGIN_MAX_FAILURES: '3' })
  const client = await createWebClient(app, { post_logout_redirect_uris: [POST_LOGOUT_URI] })
  const user = await signUp(app)
  const params = () => ({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read',
    state: 'st', code_challenge: pkce().challenge, code_challenge_method: 'S256'
  })

  t.test('a form post without its CSRF token, or with a wrong one, is refused', async (t) => {
    const browser = new Browser(app)
    const page = await browser.get('/login')
    for (const csrf of [undefined, 'forged-token']) {
      const response = await browser.post('/login', { ...(csrf && { _csrf: csrf }), username: user.username, password: user.password })
      t.equal(response.statusCode, 403)
      t.match(response.body, /This form has expired/)
      t.notOk(browser.cookies.has('keyhold_session'))
    }
    const consent = await browser.post('/consent', { request_id: 'some-request', decision: 'allow' })
    t.equal(consent.statusCode, 403)
    t.equal((await browser.post('/login', { ...hiddenFields(page.body), username: user.username, password: user.password })).statusCode, 303)
  })

  t.test('a wrong password and an unknown user get the same answer', async (t) => {
    const browser = new Browser(app)
    const wrongPassword = await signIn(browser, { username: user.username, password: 'not the password' })
    const unknownUser = await signIn(browser, { username: 'nobody-at-all', password: 'not the password' })
    for (const response of [wrongPassword, unknownUser]) {
      t.equal(response.statusCode, 400)
      t.match(response.body, /The username or password is incorrect\./)
      t.notOk(response.body.includes('not the password'), 'the password is not echoed')
    }
  })

  t.test('failed sign-ins are throttled per username', async (t) => {
    const victim = await signUp(app)
    const browser = new Browser(app)
    for (let i = 0; i < 3; i++) await signIn(browser, { username: victim.username, password: 'wrong password' })
    const throttled = await signIn(browser, victim)
    t.equal(throttled.statusCode, 429, 'even the right password waits out the window')
    t.ok(Number(throttled.headers['retry-after']) > 0)
    t.match(throttled.body, /Too many failed sign-in attempts/)
  })

  t.test('after sign-in the browser goes only to this service’s consent page for a request it holds', async (t) => {
    for (const requestId of ['https://evil.example/', '//evil.example/authorize?x', '/\\evil.example', 'javascript:alert(1)']) {
      const browser = new Browser(app)
      const response = await signIn(browser, user, requestId)
      t.equal(response.statusCode, 303)
      t.equal(response.headers.location, `/consent?${new URLSearchParams({ request_id: requestId })}`, `${requestId} stays a parameter`)
      const consent = await browser.get(response.headers.location!)
      t.equal(consent.statusCode, 400, 'and names no request this browser holds')
      t.match(consent.body, /expired or was started in another browser/)
    }
  })

  t.test('denying consent → access_denied with state and iss', async (t) => {
    const url = await authorize(new Browser(app), user, params(), 'deny')
    t.equal(url.searchParams.get('error'), 'access_denied')
    t.equal(url.searchParams.get('state'), 'st')
    t.equal(url.searchParams.get('iss'), app.config.issuer)
    t.notOk(url.searchParams.has('code'))
  })

  t.test('a returning user is not asked again for scopes already granted, but is for new ones', async (t) => {
    const returning = await signUp(app)
    const browser = new Browser(app)
    await codeFor(browser, returning, client)
    const again = await browser.get(authorizeUrl(params()))
    t.equal(again.statusCode, 302)
    t.match(new URL(again.headers.location!).searchParams.get('code'), /.+/, 'straight back with a code')
    const wider = await browser.get(authorizeUrl({ ...params(), scope: 'ships:read ships:write' }))
    t.equal(wider.statusCode, 200)
    t.match(wider.body, /ships:write/)
  })

  t.test('the consent page says in plain words what the account scope allows', async (t) => {
    const accountApp = await createWebClient(app, { client_name: 'Account Centre', scope: 'account ships:read', first_party: true })
    const browser = new Browser(app)
    await signIn(browser, user)
    const page = await browser.get(authorizeUrl({ ...params(), client_id: accountApp.client_id, scope: 'account ships:read' }))
    t.equal(page.statusCode, 200)
    t.match(page.body, /<li>Change your password or username, or delete your account \(<code>account<\/code>\)<\/li>/)
    t.match(page.body, /<li>See the ship catalogue \(<code>ships:read<\/code>\)<\/li>/, 'another API’s scope is named, with the description its API gives it')
  })

  t.test('pages send the protective headers', async (t) => {
    const browser = new Browser(app)
    await signIn(browser, user)
    const consent = await browser.get(authorizeUrl({ ...params(), scope: 'ships:write' }))
    t.equal(consent.statusCode, 200)
    t.match(consent.headers['content-security-policy'], /default-src 'none'.*frame-ancestors 'none'/)
    t.equal(consent.headers['x-frame-options'], 'DENY')
    t.equal(consent.headers['referrer-policy'], 'no-referrer')
    t.equal(consent.headers['cache-control'], 'no-store')
    t.match(consent.body, /<button type="submit" name="decision" value="allow">/)
  })

  t.test('logout ends the session and returns only to a registered post-logout URI', async (t) => {
    const browser = new Browser(app)
    await signIn(browser, user)
    const page = await browser.get(`/logout?${new URLSearchParams({ client_id: client.client_id, post_logout_redirect_uri: POST_LOGOUT_URI, state: 'bye' })}`)
    t.match(page.body, /Sign out\?/)
    const bye = await browser.post('/logout', hiddenFields(page.body))
    t.equal(bye.statusCode, 303)
    t.equal(bye.headers.location, `${POST_LOGOUT_URI}?state=bye`)
    t.match((await browser.get(authorizeUrl(params()))).headers.location, /^\/login\?/, 'signed out')

    await signIn(browser, user)
    for (const uri of ['https://evil.example/', REDIRECT_URI]) {
      const refused = await browser.get(`/logout?${new URLSearchParams({ client_id: client.client_id, post_logout_redirect_uri: uri })}`)
      t.equal(refused.statusCode, 400, `${uri} is not a post-logout URI of the client: an error page`)
      t.notOk(refused.headers.location, 'and no redirect')
    }
    const unconfirmed = await browser.post('/logout', {})
    t.equal(unconfirmed.statusCode, 200, 'a post without the form’s token only asks for confirmation')
    t.match(unconfirmed.body, /Sign out\?/)
    t.match((await browser.get('/login')).body, /You are signed in/, 'and signs nobody out')
    const local = await browser.post('/logout', hiddenFields(unconfirmed.body))
    t.equal(local.headers.location, '/logout')
    t.match((await browser.get('/logout')).body, /You are signed out/)
  })
})
