import t from 'tap'
import type { Test } from 'tap'
import { build, createClient } from '../helper.js'
import { authorizeUrl, Browser, createWebClient, pkce, REDIRECT_URI } from '../browser.js'

t.test('/authorize errors: shown when the redirect URI is unproven, redirected with state and iss otherwise', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const twoUris = await createWebClient(app, { redirect_uris: [REDIRECT_URI, 'https://app.example/other'] })
  const native = await createWebClient(app, { redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'none' })
  const browser = new Browser(app)
  const { challenge } = pkce()
  const base = { response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, state: 's1', code_challenge: challenge, code_challenge_method: 'S256' }

  const shown = async (t: Test, params: Record<string, string>, reason: RegExp) => {
    const response = await browser.get(authorizeUrl(params))
    t.equal(response.statusCode, 400)
    t.notOk(response.headers.location, 'no redirect')
    t.match(response.headers['content-type'], /^text\/html/)
    t.match(response.body, reason)
    t.equal(response.headers['x-frame-options'], 'DENY')
  }
  const redirected = async (t: Test, params: Record<string, string>, error: string) => {
    const response = await browser.get(authorizeUrl(params))
    t.equal(response.statusCode, 302)
    const url = new URL(response.headers.location!)
    t.equal(`${url.origin}${url.pathname}`, params.redirect_uri ?? REDIRECT_URI)
    t.equal(url.searchParams.get('error'), error)
    t.equal(url.searchParams.get('iss'), app.config.issuer)
    t.equal(url.searchParams.get('state'), params.state ?? null)
    return url
  }

  t.test('unknown client → error page', (t) => shown(t, { ...base, client_id: 'nobody' }, /client is unknown/))
  t.test('missing client_id → error page', (t) => shown(t, { response_type: 'code' }, /client_id is required/))
  t.test('mismatched redirect_uri → error page', (t) => shown(t, { ...base, redirect_uri: 'https://evil.example/callback' }, /does not match/))
  t.test('a redirect_uri that only starts like the registered one → error page', (t) =>
    shown(t, { ...base, redirect_uri: `${REDIRECT_URI}/../evil` }, /does not match/))
  t.test('missing redirect_uri with two registered → error page', (t) =>
    shown(t, { ...base, client_id: twoUris.client_id, redirect_uri: '' }, /redirect_uri is required/))
  t.test('a repeated parameter → error page', async (t) => {
    const response = await browser.get(`${authorizeUrl(base)}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`)
    t.equal(response.statusCode, 400)
    t.notOk(response.headers.location)
  })

  t.test('missing redirect_uri with one registered uses it', async (t) => {
    const { redirect_uri: _omitted, ...params } = base
    const response = await browser.get(authorizeUrl(params))
    t.equal(response.statusCode, 302)
    t.match(response.headers.location, /^\/login\?/)
  })
  t.test('a loopback redirect URI may use any port', async (t) => {
    const params = { ...base, client_id: native.client_id, redirect_uri: 'http://127.0.0.1:53123/callback', response_type: 'nonsense' }
    const url = await redirected(t, params, 'unsupported_response_type')
    t.equal(url.port, '53123')
  })

  t.test('missing response_type → invalid_request', (t) => redirected(t, { ...base, response_type: '' }, 'invalid_request'))
  t.test('an unknown response_type → unsupported_response_type', (t) => redirected(t, { ...base, response_type: 'code id_token' }, 'unsupported_response_type'))
  t.test('a scope beyond the client → invalid_scope', (t) => redirected(t, { ...base, scope: 'admin' }, 'invalid_scope'))
  t.test('without state, none comes back', async (t) => {
    const { state: _omitted, ...params } = base
    await redirected(t, { ...params, scope: 'admin' }, 'invalid_scope')
  })

  t.test('PKCE', async (t) => {
    t.test('plain is refused', (t) => redirected(t, { ...base, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'))
    t.test('a challenge without a method is refused (it would mean plain)', (t) =>
      redirected(t, { ...base, code_challenge_method: '' }, 'invalid_request'))
    t.test('a challenge too short is refused', (t) => redirected(t, { ...base, code_challenge: 'abc' }, 'invalid_request'))
    t.test('a challenge with characters outside the unreserved set is refused', (t) =>
      redirected(t, { ...base, code_challenge: `${'a'.repeat(42)}+` }, 'invalid_request'))
    t.test('one character outside the set is refused wherever it stands', async (t) => {
      await redirected(t, { ...base, code_challenge: `+${'a'.repeat(43)}` }, 'invalid_request')
      await redirected(t, { ...base, code_challenge: `${'a'.repeat(43)}+` }, 'invalid_request')
    })
    t.test('a challenge of 129 characters is refused', (t) => redirected(t, { ...base, code_challenge: 'a'.repeat(129) }, 'invalid_request'))
    t.test('a public client must send one', (t) =>
      redirected(t, { response_type: 'code', client_id: native.client_id, redirect_uri: 'http://127.0.0.1:1234/callback', state: 's' }, 'invalid_request'))
    t.test('a confidential client may go without', async (t) => {
      const response = await browser.get(authorizeUrl({ response_type: 'code', client_id: client.client_id, state: 's' }))
      t.match(response.headers.location, /^\/login\?/)
    })
  })

  t.test('a client not allowed codes → unauthorized_client', async (t) => {
    const service = await createClient(app, { grant_types: ['client_credentials'] })
    const response = await browser.get(authorizeUrl({ ...base, client_id: service.client_id }))
    t.equal(response.statusCode, 400, 'no redirect URI is registered, so nowhere to send it')
  })

  t.test('no CORS on /authorize', async (t) => {
    const response = await app.inject({ method: 'GET', url: authorizeUrl(base), headers: { origin: 'https://evil.example' } })
    t.notOk(response.headers['access-control-allow-origin'])
    const preflight = await app.inject({ method: 'OPTIONS', url: '/authorize', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } })
    t.notOk(preflight.headers['access-control-allow-origin'])
  })
})
