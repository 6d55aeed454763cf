// Without Redis every in-memory store is bounded on its own: anonymous floods fill only theirs and get 503, and signed-in users keep their sessions and tokens.
import t from 'tap'
import { isolated } from '@keyhold/service-kit/testing'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ExpiringMap, StoreFullError } from '../../src/storage/memory/expiring-map.js'
import { ADMIN_TOKEN, basic, postForm } from '../helper.js'
import { authorizeUrl, Browser, codeFor, createWebClient, pkce, REDIRECT_URI, redeem, signUp } from '../browser.js'

const CAPACITY = 10

t.test('a full map refuses new keys and keeps every live one', async (t) => {
  const map = new ExpiringMap<number>(2)
  map.set('a', 1, 60)
  map.set('b', 2, 60)
  t.throws(() => map.set('c', 3, 60), StoreFullError)
  map.set('a', 10, 60)
  t.equal(map.get('a'), 10, 'a live key may still be replaced')
  t.equal(map.get('b'), 2)
  map.delete('b')
  map.set('c', 3, 60)
  t.equal(map.get('c'), 3, 'room made by a deletion is used')
})

t.test('floods of failed client authentications and pushed requests do not end a signed-in session', async (t) => {
  const { databaseUrl } = await isolated(t)
  const app = await buildApp(loadConfig({
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    MEMORY_STORE_CAPACITY: String(CAPACITY)
  }))
  t.teardown(() => app.close())
  const client = await createWebClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const browser = new Browser(app)
  const { code, verifier } = await codeFor(browser, await signUp(app), client)
  const tokens = (await redeem(app, client, { code, code_verifier: verifier })).json()

  const failures = []
  for (let i = 0; i < CAPACITY * 3; i++) {
    failures.push(await postForm(app, '/token', { grant_type: 'client_credentials', client_id: `stranger-${i}`, client_secret: 'wrong' }))
  }
  t.equal(failures[0]!.statusCode, 401)
  t.equal(failures.at(-1)!.statusCode, 503, 'a full failure store refuses rather than forgets a count')
  t.equal(failures.at(-1)!.json().error, 'temporarily_unavailable')

  const pushed = []
  for (let i = 0; i < CAPACITY * 3; i++) {
    pushed.push(await postForm(app, '/par', {
      response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read', code_challenge: pkce().challenge, code_challenge_method: 'S256'
    }, auth))
  }
  t.equal(pushed[0]!.statusCode, 201)
  t.equal(pushed.at(-1)!.statusCode, 503)
  t.equal(pushed.at(-1)!.json().error, 'temporarily_unavailable')

  const again = await browser.get(authorizeUrl({
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'ships:read', state: 's', code_challenge: pkce().challenge, code_challenge_method: 'S256'
  }))
  t.match(again.headers.location, /[?&]code=/, 'the session still signs the user in')
  t.equal((await postForm(app, '/introspect', { token: tokens.access_token }, auth)).json().active, true, 'the access token lives')
  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, auth)
  t.equal(refreshed.statusCode, 200, 'the refresh token lives')
})
