// Classic scenario 4: a relying party (a small web app on a loopback redirect URI) receives the code
// at its /callback with `state` and `iss`, checks both, and only then exchanges the code.
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import type { AuthorizationServerMetadata, ClientWithSecret } from '@keyhold/contracts'
import { authorize, Browser } from './browser.js'
import { bearer, pkce, postForm, signUp, startSystem, type System } from './system.js'

interface Callback { code?: string, state?: string, iss?: string, error?: string }

/** The relying party: discovers the identity service, starts sign-ins, and handles their callback. */
async function startRelyingParty (t: Test, system: System) {
  const metadata = await (await fetch(`${system.auth}/.well-known/oauth-authorization-server`)).json() as AuthorizationServerMetadata
  const pending = new Map<string, string>()
  const app = Fastify()
  t.teardown(() => app.close())
  const rp = { url: '', client: undefined as ClientWithSecret | undefined, exchanges: 0 }

  app.get('/login', async (_request, reply) => {
    const state = randomBytes(16).toString('base64url')
    const { verifier, challenge } = pkce()
    pending.set(state, verifier)
    const query = new URLSearchParams({
      response_type: 'code', client_id: rp.client!.client_id, redirect_uri: `${rp.url}/callback`, scope: 'calls',
      state, code_challenge: challenge, code_challenge_method: 'S256'
    })
    return reply.redirect(`${metadata.authorization_endpoint}?${query}`)
  })

  app.get<{ Querystring: Callback }>('/callback', async (request, reply) => {
    const { code, state, iss, error } = request.query
    const verifier = state === undefined ? undefined : pending.get(state)
    if (verifier === undefined) return reply.code(400).send({ problem: 'unknown or used state' })
    pending.delete(state!)
    // RFC 9207: the answer must come from the server the request was sent to (mix-up defence).
    if (iss !== metadata.issuer) return reply.code(400).send({ problem: 'unexpected issuer' })
    if (error !== undefined) return reply.code(403).send({ problem: error })
    rp.exchanges++
    const response = await postForm(metadata.token_endpoint, rp.client!, {
      grant_type: 'authorization_code', code: code!, redirect_uri: `${rp.url}/callback`, code_verifier: verifier
    })
    if (response.status !== 200) return reply.code(502).send({ problem: await response.json() })
    const { access_token: token } = await response.json() as { access_token: string }
    const me = await (await fetch(`${system.resource}/api/me`, { headers: bearer(token) })).json() as { username: string }
    return { signed_in_as: me.username }
  })

  await app.listen({ host: '127.0.0.1', port: 0 })
  rp.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  rp.client = await system.register({
    client_name: 'Switchboard', grant_types: ['authorization_code'], redirect_uris: [`${rp.url}/callback`], scope: 'calls'
  })
  return { rp, metadata }
}

t.test('a relying party receives the code at its /callback, checks state and iss, and exchanges it', async (t) => {
  const system = await startSystem(t)
  const { rp, metadata } = await startRelyingParty(t, system)
  t.equal(metadata.issuer, system.auth)
  t.equal(metadata.authorization_response_iss_parameter_supported, true)
  const user = await signUp(system)

  /** Starts a sign-in at the relying party and goes through the identity service's pages. */
  const signInAt = async (browser: Browser, decision: 'allow' | 'deny' = 'allow') => {
    const start = await browser.get(`${rp.url}/login`)
    t.equal(start.status, 302)
    return authorize(browser, start.location!, user, decision)
  }

  t.test('denied: the callback carries error=access_denied with state and iss, and nothing is exchanged', async (t) => {
    const callback = await signInAt(new Browser(), 'deny')
    t.equal(callback.searchParams.get('error'), 'access_denied')
    t.equal(callback.searchParams.get('iss'), system.auth)
    t.ok(callback.searchParams.get('state'))
    const page = await new Browser().get(callback)
    t.equal(page.status, 403)
    t.same(JSON.parse(page.body), { problem: 'access_denied' })
    t.equal(rp.exchanges, 0)
  })

  t.test('allowed: the relying party checks state and iss, exchanges the code and knows the user', async (t) => {
    const browser = new Browser()
    const callback = await signInAt(browser)
    t.equal(`${callback.origin}${callback.pathname}`, `${rp.url}/callback`)
    t.same([...callback.searchParams.keys()].sort(), ['code', 'iss', 'state'])
    t.equal(callback.searchParams.get('iss'), system.auth)

    const page = await browser.get(callback)
    t.equal(page.status, 200)
    t.same(JSON.parse(page.body), { signed_in_as: user.username })
    t.equal(rp.exchanges, 1)

    const replayed = await browser.get(callback)
    t.equal(replayed.status, 400, 'a state is good for one callback')
    t.equal(rp.exchanges, 1)
  })

  t.test('a callback with a forged state or another issuer is refused before any exchange', async (t) => {
    const forged = await new Browser().get(`${rp.url}/callback?${new URLSearchParams({ code: 'stolen', state: 'forged', iss: system.auth })}`)
    t.equal(forged.status, 400)
    t.same(JSON.parse(forged.body), { problem: 'unknown or used state' })

    const callback = await signInAt(new Browser())
    callback.searchParams.set('iss', 'https://attacker.example')
    const mixedUp = await new Browser().get(callback)
    t.equal(mixedUp.status, 400)
    t.same(JSON.parse(mixedUp.body), { problem: 'unexpected issuer' })
    t.equal(rp.exchanges, 1)
  })
})
