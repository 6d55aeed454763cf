// id_tokens from the authorization endpoint for flagged implicit clients (Core §3.2), and response_mode=form_post
// (OAuth 2.0 Form Post Response Mode): a page that posts the answer, escaped, under a CSP that allows only its script.
import { createHash } from 'node:crypto'
import t from 'tap'
import { build } from '../helper.js'
import { authorize, authorizeUrl, hiddenFields, pkce, REDIRECT_URI, signIn } from '../browser.js'
import { atHash, createOidcClient, nonce, userWithBrowser, verifiedIdToken } from './support.js'

t.test('a flagged implicit client gets id_token or id_token token in the fragment, with its nonce', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app, {
    grant_types: ['implicit'], response_types: ['token', 'id_token', 'id_token token'], token_endpoint_auth_method: 'none'
  })
  const { browser, user } = await userWithBrowser(app)
  const base = { client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid profile', state: 'st' }

  const sent = nonce()
  const both = await authorize(browser, user, { ...base, response_type: 'token id_token', nonce: sent })
  const fragment = new URLSearchParams(both.hash.slice(1))
  t.equal(both.search, '', 'nothing in the query')
  const { payload } = await verifiedIdToken(app, fragment.get('id_token')!, client)
  t.equal(payload.nonce, sent)
  t.equal(payload.at_hash, atHash(fragment.get('access_token')!))
  t.notOk('preferred_username' in payload, 'with an access token, claims come from userinfo')

  const alone = await authorize(browser, user, { ...base, response_type: 'id_token', nonce: sent })
  const idOnly = new URLSearchParams(alone.hash.slice(1))
  t.notOk(idOnly.has('access_token'))
  const claims = (await verifiedIdToken(app, idOnly.get('id_token')!, client)).payload
  t.equal(claims.preferred_username, user.username, 'with no access token, the profile claims are in the id_token')
  t.notOk('at_hash' in claims)

  const withoutNonce = await browser.get(authorizeUrl({ ...base, response_type: 'id_token' }))
  t.equal(new URLSearchParams(new URL(withoutNonce.headers.location!).hash.slice(1)).get('error'), 'invalid_request', 'nonce is required')
  const withoutOpenid = await browser.get(authorizeUrl({ ...base, scope: 'profile', response_type: 'id_token', nonce: sent }))
  t.equal(new URLSearchParams(new URL(withoutOpenid.headers.location!).hash.slice(1)).get('error'), 'invalid_request', 'openid is required')
  const inQuery = await browser.get(authorizeUrl({ ...base, response_type: 'id_token token', nonce: sent, response_mode: 'query' }))
  t.equal(new URLSearchParams(new URL(inQuery.headers.location!).hash.slice(1)).get('error'), 'invalid_request', 'tokens never go in the query')
})

t.test('a code client cannot ask for an id_token from the authorization endpoint', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const { browser } = await userWithBrowser(app)
  const response = await browser.get(authorizeUrl({ client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid', response_type: 'id_token', nonce: 'n', state: 'st' }))
  t.equal(new URLSearchParams(new URL(response.headers.location!).hash.slice(1)).get('error'), 'unauthorized_client')
})

t.test('form_post: a page posts the answer to the redirect URI, escaped, by script or by a button', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const { browser, user } = await userWithBrowser(app)
  await signIn(browser, user)
  const hostile = '"><script>alert(1)</script>'
  const { challenge } = pkce()
  const request = { response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid', state: hostile,
    code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'form_post' }
  let page = await browser.get(authorizeUrl(request))
  if (page.body.includes('action="/consent"')) page = await browser.post('/consent', { ...hiddenFields(page.body), decision: 'allow' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, `<form method="post" action="${REDIRECT_URI}">`)
  const fields = hiddenFields(page.body)
  t.match(fields, { code: /^[\w-]{43}$/, state: hostile, iss: app.config.issuer }, 'the answer, exactly')
  t.notMatch(page.body, '<script>alert(1)', 'the state is escaped')
  t.match(page.body, /<noscript>.*<button type="submit">Continue<\/button>/s, 'a button when scripts are off')

  const script = /<script>([^<]*)<\/script>/.exec(page.body)![1]!
  const policy = page.headers['content-security-policy'] as string
  t.match(policy, `script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`, 'the CSP allows that one script')
  t.match(policy, /default-src 'none'/)
  t.match(policy, /frame-ancestors 'none'/)
  t.equal(page.headers['x-frame-options'], 'DENY')

  const refused = await browser.get(authorizeUrl({ ...request, scope: 'nonsense' }))
  t.equal(refused.statusCode, 200, 'errors go back by form_post too')
  t.match(hiddenFields(refused.body), { error: 'invalid_scope', state: hostile })
})
