// Sign-in: the authorization request the demo sends, and the signed-in page it shows afterwards.
import { createHash } from 'node:crypto'
import t from 'tap'
import { Browser, CLIENT_ID, aCall, callbackUrl, setup, signIn } from './helper.js'

const ONGOING = '0e4cc0f4-5d0f-4c5e-9d55-5bd0c0d0c001'
const ENDED = '0e4cc0f4-5d0f-4c5e-9d55-5bd0c0d0c002'

t.test('sends an authorization code request with state and an S256 PKCE challenge', async (t) => {
  const { identity, browser } = await setup(t)
  const page = await browser.get('/sign-in')
  t.equal(page.status, 303)
  const url = new URL(page.location)
  t.equal(`${url.origin}${url.pathname}`, `${identity.url}/authorize`)
  const query = Object.fromEntries(url.searchParams)
  t.match(query, {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: 'http://127.0.0.1:4002/callback',
    scope: 'profile calls',
    code_challenge_method: 'S256'
  })
  t.match(query.state, /^[A-Za-z0-9_-]{22,}$/)
  t.match(query.code_challenge, /^[A-Za-z0-9_-]{43}$/)
  t.notOk('client_secret' in query)
})

t.test('each sign-in gets its own state and challenge', async (t) => {
  const { app } = await setup(t)
  const first = new URL((await new Browser(app).get('/sign-in')).location).searchParams
  const second = new URL((await new Browser(app).get('/sign-in')).location).searchParams
  t.not(first.get('state'), second.get('state'))
  t.not(first.get('code_challenge'), second.get('code_challenge'))
})

t.test('the session cookie is signed, HttpOnly and SameSite=Lax, and holds no token', async (t) => {
  const { app } = await setup(t)
  const response = await app.inject({ method: 'GET', url: '/sign-in' })
  const [cookie] = response.cookies as { name: string, value: string, httpOnly?: boolean, sameSite?: string, path?: string }[]
  t.match(cookie, { name: 'keyhold-demo', httpOnly: true, sameSite: 'Lax', path: '/' })
  t.match(cookie?.value, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/_-]+=*$/, 'a random id and its signature')
})

t.test('after sign-in the code is redeemed with the verifier and the profile and ongoing calls are shown', async (t) => {
  const { identity, resource, browser } = await setup(t)
  resource.calls.push(aCall(ONGOING, '+442079460000'), aCall(ENDED, '+15550100', 'ended'))
  const start = await browser.get('/sign-in')
  const authorization = new URL(start.location).searchParams
  const code = identity.authorize(start.location)
  const done = await browser.get(callbackUrl({ code, state: authorization.get('state')!, iss: identity.url }))
  t.equal(done.status, 303)
  t.equal(done.location, '/')

  const [request] = identity.tokenRequests
  t.match(request, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://127.0.0.1:4002/callback',
    authorization: /^Basic /
  })
  t.equal(createHash('sha256').update(request!.code_verifier!).digest('base64url'), authorization.get('code_challenge'))
  t.notOk('client_secret' in request!, 'client_secret_basic only')

  const home = await browser.get('/')
  t.equal(home.status, 200)
  t.match(home.body, 'Signed in as ada')
  t.match(home.body, '<dd id="profile-sub">user-1</dd>')
  t.match(home.body, `data-call-id="${ONGOING}"`)
  t.notMatch(home.body, `data-call-id="${ENDED}"`, 'only ongoing calls')
  t.match(resource.requests.map((r) => r.url).sort(), ['/api/calls?status=ongoing', '/api/me'])
})

t.test('tokens never reach the browser', async (t) => {
  const { identity, browser } = await setup(t)
  await signIn(browser, identity)
  const home = await browser.get('/')
  const [accessToken] = identity.accessTokens
  t.ok(accessToken)
  t.notMatch(home.body, accessToken!)
  t.notMatch(JSON.stringify(home.headers), accessToken!)
  t.notMatch([...browser.cookies.values()].join(), accessToken!)
})

t.test('signing in moves the browser to a new session id', async (t) => {
  const { identity, app, browser } = await setup(t)
  await signIn(browser, identity)
  const preSignIn = new Browser(app)
  await preSignIn.get('/sign-in')
  const fixed = preSignIn.cookies.get('keyhold-demo')!
  await signIn(preSignIn, identity)
  t.not(preSignIn.cookies.get('keyhold-demo'), fixed)
  const attacker = new Browser(app)
  attacker.cookies.set('keyhold-demo', fixed)
  t.match((await attacker.get('/')).body, 'id="sign-in"', 'the id known before sign-in is not signed in')
})

t.test('pages carry a strict CSP, no framing, no referrer and no caching', async (t) => {
  const { browser } = await setup(t)
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
