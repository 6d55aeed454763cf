// The browser flow under attack: CSRF tokens bound to session, form and request; the pending request kept on the
// server for the browser that started it; consent that cannot be skipped by an impostor of a native app.
import t from 'tap'
import { basic, build, postForm } from '../helper.js'
import { callApi, createAccountClient, tokensFor } from '../accounts/fixtures.js'
import {
  authorize, authorizeUrl, Browser, createWebClient, hiddenFields, pkce, REDIRECT_URI, requestIdOf, signIn, signUp
} from '../browser.js'

const SESSION = 'keyhold_session'
const CSRF = 'keyhold_csrf'

t.test('the browser flow refuses forged, swapped and replayed answers', async (t) => {
  const app = await build(t, { SIGNUP_RATE_LIMIT: '50' })
  const client = await createWebClient(app)
  const other = await createWebClient(app, { client_name: 'Other App', scope: 'ships:read ships:write' })
  const params = (overrides: Record<string, string> = {}) => ({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read',
    state: 'st', code_challenge: pkce().challenge, code_challenge_method: 'S256', ...overrides
  })

  /** A signed-in browser showing the consent page for `query`; its hidden fields answer it. */
  async function atConsent (user: { username: string, password: string }, query = params()) {
    const browser = new Browser(app)
    await signIn(browser, user)
    const page = await browser.get(authorizeUrl(query))
    t.equal(page.statusCode, 200, 'the consent page is shown')
    return { browser, fields: hiddenFields(page.body) }
  }

  t.test('the attacker’s own CSRF cookie and token do not answer consent in the victim’s session', async (t) => {
    const attacker = await atConsent(await signUp(app))
    const victim = await signUp(app)
    const victimBrowser = new Browser(app)
    await signIn(victimBrowser, victim)

    const forged = new Browser(app)
    for (const [name, value] of attacker.browser.cookies) forged.cookies.set(name, value)
    forged.cookies.set(SESSION, victimBrowser.cookies.get(SESSION)!)
    const answer = await forged.post('/consent', { ...attacker.fields, decision: 'allow' })
    t.equal(answer.statusCode, 403)
    t.match(answer.body, /This form has expired/)
    t.equal(await app.stores.consents.granted(victim.id, client.client_id), undefined, 'no consent is stored for the victim')
  })

  t.test('the attacker’s login token does not sign the victim’s browser in as the attacker', async (t) => {
    const attacker = await signUp(app)
    const attackerBrowser = new Browser(app)
    const loginPage = await attackerBrowser.get('/login')
    const victim = await signUp(app)
    const victimBrowser = new Browser(app)
    await signIn(victimBrowser, victim)
    const victimSession = victimBrowser.cookies.get(SESSION)

    victimBrowser.cookies.set(CSRF, attackerBrowser.cookies.get(CSRF)!)
    const answer = await victimBrowser.post('/login', { ...hiddenFields(loginPage.body), username: attacker.username, password: attacker.password })
    t.equal(answer.statusCode, 403)
    t.equal(victimBrowser.cookies.get(SESSION), victimSession, 'the victim’s session is untouched')
  })

  t.test('a token rendered for one form is refused by the others', async (t) => {
    const user = await signUp(app)
    const { browser, fields } = await atConsent(user)
    const logoutToken = hiddenFields((await browser.get('/login')).body)._csrf!
    t.match((await browser.get('/login')).body, /action="\/logout"/, 'a signed-in browser gets the logout form')

    const withLogoutToken = await browser.post('/consent', { ...fields, _csrf: logoutToken, decision: 'allow' })
    t.equal(withLogoutToken.statusCode, 403, 'the logout form’s token does not answer consent')
    const withConsentToken = await browser.post('/logout', { _csrf: fields._csrf! })
    t.equal(withConsentToken.statusCode, 403, 'the consent form’s token does not sign out')
    const intruder = await signUp(app)
    const withLogoutTokenAtLogin = await browser.post('/login', { _csrf: logoutToken, username: intruder.username, password: intruder.password })
    t.equal(withLogoutTokenAtLogin.statusCode, 403, 'the logout form’s token does not sign in as someone else')
    t.equal((await browser.post('/consent', { ...fields, decision: 'allow' })).statusCode, 303, 'its own token still answers it')

    const anonymous = new Browser(app)
    const loginToken = hiddenFields((await anonymous.get('/login')).body)._csrf!
    await signIn(anonymous, user)
    t.equal((await anonymous.post('/logout', { _csrf: loginToken })).statusCode, 403, 'the login form’s token does not sign out')
  })

  t.test('signing in rotates the CSRF secret: no token rendered before it is good after it', async (t) => {
    const user = await signUp(app)
    const browser = new Browser(app)
    const page = await browser.get(authorizeUrl(params()))
    const loginPage = await browser.get(page.headers.location!)
    const before = browser.cookies.get(CSRF)
    const signedIn = await browser.post('/login', { ...hiddenFields(loginPage.body), username: user.username, password: user.password })
    t.equal(signedIn.statusCode, 303)
    t.notOk(browser.cookies.has(CSRF), 'the old secret is cleared')
    const consent = await browser.follow(signedIn)
    t.equal(consent.statusCode, 200)
    t.not(browser.cookies.get(CSRF), before, 'a new one comes with the next form')

    browser.cookies.set(CSRF, before!)
    const stale = await browser.post('/consent', { ...hiddenFields(consent.body), _csrf: hiddenFields(loginPage.body)._csrf!, decision: 'allow' })
    t.equal(stale.statusCode, 403, 'the pre-sign-in secret and token answer nothing')
  })

  t.test('the consent form answers only the request it was shown for', async (t) => {
    const user = await signUp(app)
    const { browser, fields } = await atConsent(user)
    const swapTarget = await browser.get(authorizeUrl(params({ client_id: other.client_id, scope: 'ships:read ships:write' })))
    const otherId = hiddenFields(swapTarget.body).request_id!

    const swapped = await browser.post('/consent', { ...fields, request_id: otherId, decision: 'allow' })
    t.equal(swapped.statusCode, 403, 'the token names the request it was rendered for')
    t.equal(await app.stores.consents.granted(user.id, other.client_id), undefined, 'no consent for the other client')

    const made = await browser.post('/consent', { ...fields, request_id: 'made-up-request-id', decision: 'allow' })
    t.equal(made.statusCode, 403)
    t.notOk(Object.keys(hiddenFields(swapTarget.body)).includes('client_id'), 'the page carries no request parameters')
  })

  t.test('a request held for one browser cannot be seen or answered from another', async (t) => {
    const user = await signUp(app)
    const victim = await atConsent(user, params({ client_id: other.client_id, scope: 'ships:read ships:write' }))
    const attacker = new Browser(app)
    await signIn(attacker, user)

    const page = await attacker.get(`/consent?${new URLSearchParams({ request_id: victim.fields.request_id! })}`)
    t.equal(page.statusCode, 400)
    t.match(page.body, /expired or was started in another browser/)
    t.notMatch(page.body, /Other App/, 'nothing of the request is shown')

    const attackerPage = await attacker.get(authorizeUrl(params()))
    const attackerFields = hiddenFields(attackerPage.body)
    const signedInPage = await attacker.get('/login')
    t.ok(signedInPage.statusCode === 200 && attackerFields._csrf !== undefined)
    // The attacker's own token for the victim's id: a request this browser does not hold is refused even so.
    const id = victim.fields.request_id!
    attacker.cookies.delete(CSRF)
    const fresh = await attacker.get(`/consent?${new URLSearchParams({ request_id: id })}`)
    t.equal(fresh.statusCode, 400, 'no consent page, so no token, for another browser’s request')
    t.equal(await app.stores.consents.granted(user.id, other.client_id), undefined)

    t.equal((await victim.browser.post('/consent', { ...victim.fields, decision: 'allow' })).statusCode, 303, 'its own browser still answers it')
  })

  t.test('requests started in one browser, as in two tabs, are each answered', async (t) => {
    const user = await signUp(app)
    const { browser, fields: first } = await atConsent(user)
    const second = hiddenFields((await browser.get(authorizeUrl(params({ client_id: other.client_id, scope: 'ships:read ships:write' })))).body)
    t.not(second.request_id, first.request_id)
    for (const fields of [first, second]) {
      const answer = await browser.post('/consent', { ...fields, decision: 'allow' })
      t.equal(answer.statusCode, 303)
      t.ok(new URL(answer.headers.location!).searchParams.has('code'))
    }
  })

  t.test('a form posted without a body is refused, never a server error', async (t) => {
    const browser = new Browser(app)
    await browser.follow(await browser.get(authorizeUrl(params())))
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    for (const url of ['/login', '/consent']) {
      const response = await app.inject({ method: 'POST', url, headers: { cookie } })
      t.ok(response.statusCode >= 400 && response.statusCode < 500, `${url}: ${response.statusCode}`)
    }
  })

  t.test('a consent answered twice at once yields one code', async (t) => {
    const { browser, fields } = await atConsent(await signUp(app))
    const answers = await Promise.all([1, 2, 3].map(() => browser.post('/consent', { ...fields, decision: 'allow' })))
    const codes = answers.filter((answer) => answer.statusCode === 303 && new URL(answer.headers.location!).searchParams.has('code'))
    t.equal(codes.length, 1, 'one answer gets a code')
    t.same(answers.filter((answer) => answer !== codes[0]).map((answer) => answer.statusCode), [400, 400], 'the others see the request is gone')
    const again = await browser.post('/consent', { ...fields, decision: 'allow' })
    t.equal(again.statusCode, 400, 'and a replay later too')
  })

  t.test('a pending request expires from the store with a TTL', async (t) => {
    const browser = new Browser(app)
    const start = await browser.get(authorizeUrl(params()))
    t.equal(start.statusCode, 302)
    const requestId = requestIdOf(start.headers.location)!
    t.match(requestId, /^[\w-]{43}$/, '256 random bits')
    t.equal((await browser.get(`/consent?${new URLSearchParams({ request_id: requestId })}`)).headers.location, start.headers.location, 'not signed in: to sign in first')
  })
})

t.test('a public client on a loopback or custom-scheme redirect always sees the consent page', async (t) => {
  const app = await build(t)
  const native = await createWebClient(app, {
    client_name: 'Desktop App', redirect_uris: ['http://127.0.0.1/callback', 'com.example.app:/callback'], token_endpoint_auth_method: 'none'
  })
  const spa = await createWebClient(app, { client_name: 'Web App', redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none' })
  const user = await signUp(app)
  const browser = new Browser(app)
  const params = (clientId: string, redirectUri: string) => ({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'ships:read',
    code_challenge: pkce().challenge, code_challenge_method: 'S256'
  })

  const first = await authorize(browser, user, params(native.client_id, 'http://127.0.0.1:5000/callback'))
  t.ok(first.searchParams.has('code'), 'the user consents once')
  t.same(await app.stores.consents.granted(user.id, native.client_id), ['ships:read'])

  for (const redirectUri of ['http://127.0.0.1:31337/callback', 'http://127.0.0.1:5000/callback', 'com.example.app:/callback']) {
    const again = await browser.get(authorizeUrl(params(native.client_id, redirectUri)))
    t.equal(again.statusCode, 200, `${redirectUri}: asked again, not answered with a code`)
    t.match(again.body, /Allow Desktop App to use your account\?/)
  }

  await authorize(browser, user, params(spa.client_id, REDIRECT_URI))
  const https = await browser.get(authorizeUrl(params(spa.client_id, REDIRECT_URI)))
  t.equal(https.statusCode, 302, 'a public client on an https redirect is answered from the consent given')
})

t.test('a state of up to 2048 printable ASCII characters round-trips; anything else is refused without being echoed', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const user = await signUp(app)
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('')
  const longest = printable.repeat(22).slice(0, 2048)
  const params = (state: string) => ({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read',
    state, code_challenge: pkce().challenge, code_challenge_method: 'S256'
  })

  const back = await authorize(new Browser(app), user, params(longest))
  t.ok(back.searchParams.has('code'))
  t.equal(back.searchParams.get('state'), longest, 'every printable character, exactly, through sign-in and consent')

  for (const [label, state] of [['2049 characters', longest + 'x'], ['1800 × é', 'é'.repeat(1800)], ['a line break', 'a\nb']] as const) {
    const refused = await new Browser(app).get(authorizeUrl(params(state)))
    t.equal(refused.statusCode, 302, `${label}: sent back to the client`)
    const error = new URL(refused.headers.location!)
    t.equal(`${error.origin}${error.pathname}`, REDIRECT_URI)
    t.equal(error.searchParams.get('error'), 'invalid_request')
    t.notOk(error.searchParams.has('state'), 'the refused state is not echoed')
    t.notOk(error.searchParams.has('code'))

    const pushed = await postForm(app, '/par', params(state), { authorization: basic(client.client_id, client.client_secret!) })
    t.equal(pushed.statusCode, 400, `${label}: refused at /par`)
    t.equal(pushed.json().error, 'invalid_request')
  }
})

t.test('a new password and a deleted account end the browser sessions signed in before', async (t) => {
  const app = await build(t)
  const web = await createWebClient(app)
  const accountApp = await createAccountClient(app)
  const params = () => ({
    response_type: 'code', client_id: web.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read',
    code_challenge: pkce().challenge, code_challenge_method: 'S256'
  })

  async function signedInTwice () {
    const user = await signUp(app)
    const browsers = [new Browser(app), new Browser(app)]
    for (const browser of browsers) await authorize(browser, user, params())
    t.equal((await browsers[0]!.get(authorizeUrl(params()))).statusCode, 302)
    t.ok(new URL((await browsers[0]!.get(authorizeUrl(params()))).headers.location!).searchParams.has('code'), 'signed in: codes at once')
    const token = (await tokensFor(app, accountApp, user, 'account')).json().access_token as string
    return { user, browsers, token }
  }

  const changed = await signedInTwice()
  const put = await callApi(app, 'PUT', `/api/users/${changed.user.id}`, changed.token, { password: 'an entirely new passphrase', current_password: changed.user.password })
  t.equal(put.statusCode, 200)
  for (const browser of changed.browsers) {
    t.match((await browser.get(authorizeUrl(params()))).headers.location, /^\/login\?/, 'after a new password: sign in again')
  }

  const deleted = await signedInTwice()
  const del = await callApi(app, 'DELETE', `/api/users/${deleted.user.id}`, deleted.token, { current_password: deleted.user.password })
  t.equal(del.statusCode, 204)
  for (const browser of deleted.browsers) {
    t.match((await browser.get(authorizeUrl(params()))).headers.location, /^\/login\?/, 'after deletion: signed out')
  }
})
