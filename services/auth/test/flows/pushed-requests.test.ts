import t from 'tap'
import { sha256 } from '../../src/crypto/hash.js'
import { basic, build, postForm } from '../helper.js'
import { authorize, Browser, createWebClient, pkce, redeem, REDIRECT_URI, signUp } from '../browser.js'

t.test('pushed authorization requests (RFC 9126)', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const user = await signUp(app)
  const push = (params: Record<string, string>, headers = auth) => postForm(app, '/par', params, headers)
  const { verifier, challenge } = pkce()
  const request = { response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'ships:read', state: 'pushed', code_challenge: challenge, code_challenge_method: 'S256' }

  t.test('round trip: push, authorize with request_uri, redeem; the request_uri is used once', async (t) => {
    const pushed = await push(request)
    t.equal(pushed.statusCode, 201)
    t.equal(pushed.headers['cache-control'], 'no-store')
    const { request_uri: requestUri, expires_in: expiresIn } = pushed.json()
    t.match(requestUri, /^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43,}$/)
    t.ok(expiresIn > 0 && expiresIn <= 60)

    const browser = new Browser(app)
    const url = await authorize(browser, user, { client_id: client.client_id, request_uri: requestUri, state: 'ignored' })
    t.equal(url.searchParams.get('state'), 'pushed', 'the pushed parameters count, not the query')
    t.equal(url.searchParams.get('iss'), app.config.issuer)
    const tokens = await redeem(app, client, { code: url.searchParams.get('code')!, code_verifier: verifier })
    t.equal(tokens.statusCode, 200)

    const reused = await browser.get(`/authorize?${new URLSearchParams({ client_id: client.client_id, request_uri: requestUri })}`)
    t.equal(reused.statusCode, 400)
    t.notOk(reused.headers.location)
  })

  t.test('every authorization parameter of the contract is kept, prompt included', async (t) => {
    const pushed = { ...request, prompt: 'consent' }
    const { request_uri: requestUri } = (await push(pushed)).json()
    const id = requestUri.slice('urn:ietf:params:oauth:request_uri:'.length)
    t.same((await app.stores.pushedRequests.find(sha256(id)))?.parameters, pushed)
  })

  t.test('the request_uri is bound to the client that pushed it', async (t) => {
    const { request_uri: requestUri } = (await push(request)).json()
    const other = await createWebClient(app)
    const response = await new Browser(app).get(`/authorize?${new URLSearchParams({ client_id: other.client_id, request_uri: requestUri })}`)
    t.equal(response.statusCode, 400)
    t.notOk(response.headers.location)
  })

  t.test('the pushed request is checked at once', async (t) => {
    for (const [params, error] of [
      [{ ...request, redirect_uri: 'https://evil.example/' }, 'invalid_request'],
      [{ ...request, scope: 'admin' }, 'invalid_scope'],
      [{ ...request, code_challenge_method: 'plain' }, 'invalid_request'],
      [{ ...request, request_uri: 'urn:ietf:params:oauth:request_uri:x' }, 'invalid_request']
    ] as const) {
      const response = await push(params)
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, error)
    }
  })

  t.test('the client must authenticate', async (t) => {
    const response = await push(request, { authorization: basic(client.client_id, 'wrong') })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error, 'invalid_client')
  })
})
