// Sign-in with OpenID Connect against the real identity service: the authorization request the demo sends, the code
// exchange it makes, and the signed-in page it shows afterwards, with the user's name and email from userinfo.
import { createHash } from 'node:crypto'
import t from 'tap'
import { Browser, onDemo, authorizeAtKeyhold, signIn } from './helpers/browser.js'
import { DEMO_URL, setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'
import { aCall } from './helpers/resource.js'

const ONGOING = '0e4cc0f4-5d0f-4c5e-9d55-5bd0c0d0c001'
const ENDED = '0e4cc0f4-5d0f-4c5e-9d55-5bd0c0d0c002'
const keyhold = await startKeyhold(t)

t.test('sends an authorization code request with state, nonce and an S256 PKCE challenge, found by discovery', async (t) => {
  const { client, backChannel, browser } = await setup(t, keyhold)
  const page = await browser.get('/sign-in')
  t.equal(page.status, 303)
  const url = new URL(page.location)
  t.equal(`${url.origin}${url.pathname}`, `${keyhold.issuer}/authorize`)
  const query = Object.fromEntries(url.searchParams)
  t.match(query, {
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: `${DEMO_URL}/callback`,
    scope: 'openid email profile calls',
    code_challenge_method: 'S256'
  })
  t.match(query.state, /^[A-Za-z0-9_-]{43}$/)
  t.match(query.nonce, /^[A-Za-z0-9_-]{43}$/)
  t.match(query.code_challenge, /^[A-Za-z0-9_-]{43}$/)
  t.notOk('client_secret' in query)
  t.same(backChannel.exchanges.map((e) => e.path), ['/.well-known/openid-configuration'], 'discovered once, from the issuer')
})

t.test('each sign-in gets its own state, nonce and challenge', async (t) => {
  const { app } = await setup(t, keyhold)
  const first = new URL((await new Browser(app).get('/sign-in')).location).searchParams
  const second = new URL((await new Browser(app).get('/sign-in')).location).searchParams
  for (const name of ['state', 'nonce', 'code_challenge']) t.not(first.get(name), second.get(name), name)
})

t.test('the session cookie is signed, HttpOnly and SameSite=Lax, and holds no token', async (t) => {
  const { app } = await setup(t, keyhold)
  const response = await app.inject({ method: 'GET', url: '/sign-in' })
  const [cookie] = response.cookies as { name: string, value: string, httpOnly?: boolean, sameSite?: string, path?: string }[]
  t.match(cookie, { name: 'keyhold-demo', httpOnly: true, sameSite: 'Lax', path: '/' })
  t.match(cookie?.value, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/_-]+=*$/, 'a random id and its signature')
})

t.test('through Keyhold\'s sign-in and consent pages to the signed-in page, with name, email, profile and calls', async (t) => {
  const { backChannel, resource, user, browser } = await setup(t, keyhold)
  resource.calls.push(aCall(ONGOING, '+442079460000'), aCall(ENDED, '+15550100', 'ended'))
  const start = await browser.get('/sign-in')
  const authorization = new URL(start.location).searchParams
  const callback = await browser.keyhold.authorize(start.location, user)
  t.equal(`${callback.origin}${callback.pathname}`, `${DEMO_URL}/callback`)
  const done = await browser.get(onDemo(callback))
  t.equal(done.status, 303)
  t.equal(done.location, '/')

  const [exchange] = backChannel.sent('/token')
  t.match(exchange, { grant_type: 'authorization_code', redirect_uri: `${DEMO_URL}/callback`, authorization: /^Basic / })
  t.equal(createHash('sha256').update(exchange!.code_verifier!).digest('base64url'), authorization.get('code_challenge'))
  t.notOk('client_secret' in exchange!, 'client_secret_basic only')
  t.match(backChannel.sent('/userinfo'), [{ authorization: /^Bearer / }], 'userinfo is asked once, at sign-in, with the access token')

  const home = await browser.get('/')
  t.equal(home.status, 200)
  t.match(home.body, `Signed in as ${user.id}`)
  t.match(home.body, '<dd id="identity-name">Ada Lovelace</dd>')
  t.match(home.body, `<dd id="identity-email">${user.email}</dd>`)
  t.match(home.body, '<dd id="identity-email-status">not verified</dd>')
  t.match(home.body, `<dd id="profile-sub">${user.id}</dd>`)
  t.match(home.body, `data-call-id="${ONGOING}"`)
  t.notMatch(home.body, `data-call-id="${ENDED}"`, 'only ongoing calls')
  t.match(resource.requests.map((r) => r.url).sort(), ['/api/calls?status=ongoing', '/api/me'])
  t.equal(backChannel.sent('/userinfo').length, 1, 'not again for the page')
})

t.test('the name and email are escaped', async (t) => {
  const { browser } = await setup(t, keyhold)
  const user = await keyhold.signUp({ name: '<script>alert(1)</script>', email: `o'brien&co.${Date.now()}@example.com` })
  await signIn(browser, user)
  const home = await browser.get('/')
  t.notMatch(home.body, '<script>alert')
  t.match(home.body, '<dd id="identity-name">&lt;script&gt;alert(1)&lt;/script&gt;</dd>')
  t.match(home.body, /<dd id="identity-email">o&#39;brien&amp;co\.\d+@example\.com<\/dd>/)
})

t.test('tokens never reach the browser', async (t) => {
  const { resource, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const home = await browser.get('/')
  const [accessToken] = resource.tokens
  t.ok(accessToken)
  t.notMatch(home.body, accessToken!)
  t.notMatch(JSON.stringify(home.headers), accessToken!)
  t.notMatch([...browser.cookies.values()].join(), accessToken!)
})

t.test('signing in moves the browser to a new session id', async (t) => {
  const { app, user } = await setup(t, keyhold)
  const preSignIn = new Browser(app)
  const callback = await authorizeAtKeyhold(preSignIn, user)
  const fixed = preSignIn.cookies.get('keyhold-demo')!
  t.equal((await preSignIn.get(onDemo(callback))).status, 303)
  t.not(preSignIn.cookies.get('keyhold-demo'), fixed)
  const attacker = new Browser(app)
  attacker.cookies.set('keyhold-demo', fixed)
  t.match((await attacker.get('/')).body, 'id="sign-in"', 'the id known before sign-in is not signed in')
})

t.test('pages carry a strict CSP, no framing, no referrer and no caching', async (t) => {
  const { browser } = await setup(t, keyhold)
  const page = await browser.get('/')
  t.match(page.headers, {
    'content-security-policy': /default-src 'none'.*frame-ancestors 'none'/,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store'
  })
  t.match(page.body, /<a id="sign-in"[^>]*href="\/sign-in"/)
})
