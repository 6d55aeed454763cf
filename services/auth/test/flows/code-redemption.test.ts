import t from 'tap'
import type { Test } from 'tap'
import { sha256 } from '../../src/crypto/hash.js'
import { redisKeys } from '../../src/storage/redis/keys.js'
import { basic, build, postForm } from '../helper.js'
import { s256 } from '../../src/oauth/checks/pkce.js'
import { Browser, codeFor, createWebClient, pkce, REDIRECT_URI, redeem, signUp } from '../browser.js'

t.test('redeeming authorization codes at /token', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const user = await signUp(app)
  const browser = new Browser(app)
  const isActive = async (token: string) => (await postForm(app, '/introspect', { token }, auth)).json().active as boolean
  const expectInvalidGrant = (t: Test, response: { statusCode: number, json: () => { error: string } }) => {
    t.equal(response.statusCode, 400)
    t.equal(response.json().error, 'invalid_grant')
  }

  t.test('a second valid redemption fails and revokes what the first one got', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client)
    const first = await redeem(app, client, { code, code_verifier: verifier })
    t.equal(first.statusCode, 200)
    const { access_token: access, refresh_token: refresh } = first.json()
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: verifier }))
    t.equal(await isActive(access), false)
    t.equal(await isActive(refresh), false)
  })

  t.test('a replay that fails PKCE or client authentication revokes nothing', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client)
    const first = (await redeem(app, client, { code, code_verifier: verifier })).json()
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: pkce().verifier }))
    const wrongSecret = await postForm(app, '/token', { grant_type: 'authorization_code', code, code_verifier: verifier },
      { authorization: basic(client.client_id, 'not the secret') })
    t.equal(wrongSecret.statusCode, 401)
    const other = await createWebClient(app)
    expectInvalidGrant(t, await redeem(app, other, { code, code_verifier: verifier }))
    t.equal(await isActive(first.access_token), true)
    t.equal(await isActive(first.refresh_token), true)
  })

  t.test('of 50 parallel redemptions exactly one succeeds', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client)
    const answers = await Promise.all(Array.from({ length: 50 }, () => redeem(app, client, { code, code_verifier: verifier })))
    t.equal(answers.filter((answer) => answer.statusCode === 200).length, 1)
    t.equal(answers.filter((answer) => answer.json().error === 'invalid_grant').length, 49)
    const winner = answers.find((answer) => answer.statusCode === 200)!.json()
    t.equal(await isActive(winner.access_token), false, 'the replays revoked the winner’s tokens')
  })

  t.test('the code is bound to its client', async (t) => {
    const other = await createWebClient(app)
    const { code, verifier } = await codeFor(browser, user, client)
    expectInvalidGrant(t, await redeem(app, other, { code, code_verifier: verifier }))
    t.equal((await redeem(app, client, { code, code_verifier: verifier })).statusCode, 200, 'still good for its own client')
  })

  t.test('PKCE at the token endpoint', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client)
    expectInvalidGrant(t, await redeem(app, client, { code }))
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: pkce().verifier }))
    t.equal((await redeem(app, client, { code, code_verifier: verifier })).statusCode, 200)
  })

  t.test('a code issued without a challenge cannot be redeemed with a verifier (downgrade)', async (t) => {
    const { code } = await codeFor(browser, user, client, { code_challenge: '', code_challenge_method: '' })
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: pkce().verifier }))
    t.equal((await redeem(app, client, { code })).statusCode, 200)
  })

  t.test('redirect_uri must repeat the one of the authorization request', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client)
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: verifier, redirect_uri: 'https://app.example/other' }))
    const { redirect_uri: _omitted, ...withoutUri } = { code, code_verifier: verifier, redirect_uri: '' }
    expectInvalidGrant(t, await postForm(app, '/token', { grant_type: 'authorization_code', ...withoutUri }, auth))
  })

  t.test('a verifier outside RFC 7636\'s form is refused even when it answers the challenge', async (t) => {
    for (const verifier of ['short', `${'a'.repeat(43)}+`, 'a'.repeat(129)]) {
      const { code } = await codeFor(browser, user, client, { code_challenge: s256(verifier) })
      const response = await redeem(app, client, { code, code_verifier: verifier })
      t.equal(response.statusCode, 400, verifier)
      t.equal(response.json().error, 'invalid_request', verifier)
    }
  })

  t.test('a code asked for without redirect_uri is redeemed without one', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client, { redirect_uri: '' })
    const { redirect_uri: _omitted, ...withoutUri } = { code, code_verifier: verifier, redirect_uri: '' }
    t.equal((await postForm(app, '/token', { grant_type: 'authorization_code', ...withoutUri }, auth)).statusCode, 200)
  })

  t.test('a public client redeems its code with the verifier alone', async (t) => {
    const native = await createWebClient(app, { token_endpoint_auth_method: 'none' })
    const { code, verifier } = await codeFor(browser, user, native)
    const withSecret = await postForm(app, '/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI },
      { authorization: basic(native.client_id, 'a made-up secret') })
    t.equal(withSecret.statusCode, 401, 'a secret it was never given is refused')
    const response = await redeem(app, native, { code, code_verifier: verifier })
    t.equal(response.statusCode, 200)
    const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: response.json().refresh_token, client_id: native.client_id })
    t.equal(refreshed.statusCode, 200, 'and refreshes with its client_id alone')
  })

  t.test('a code whose user is gone by redemption gives nothing', async (t) => {
    const leaving = await signUp(app)
    const { code, verifier } = await codeFor(new Browser(app), leaving, client)
    await app.stores.users.delete(leaving.id)
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: verifier }))
  })

  t.test('an expired code is refused', async (t) => {
    const { code, verifier } = await codeFor(browser, user, client)
    const key = redisKeys(app.config.redisPrefix).authorizationCode(sha256(code))
    const ttl = await app.redis!.ttl(key)
    t.ok(ttl > 0 && ttl <= 60, `stored by hash for at most 60 s (ttl ${ttl})`)
    await app.redis!.pexpire(key, 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expectInvalidGrant(t, await redeem(app, client, { code, code_verifier: verifier }))
  })

  t.test('a missing code → invalid_request', async (t) => {
    const response = await redeem(app, client, {})
    t.equal(response.json().error, 'invalid_request')
  })
})
