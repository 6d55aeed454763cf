// Expired or rejected access tokens are refreshed once per session, storing the rotated refresh token; a refused
// refresh signs the user out. The identity service is the real one; only expires_in is shortened on the way back.
import t from 'tap'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import type { Answer, BackChannel } from './helpers/back-channel.js'
import { signIn } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'

const keyhold = await startKeyhold(t)

/** Every token answer says the access token expires in 10 s, inside the refresh margin: each use refreshes. */
function expiringTokens (backChannel: BackChannel, refreshAnswer?: () => Answer | undefined): void {
  backChannel.handle('/token', async ({ form }, forward) => {
    const canned = form.grant_type === 'refresh_token' ? refreshAnswer?.() : undefined
    if (canned) return canned
    const answer = await forward()
    if (answer.status === 200) (answer.json as { expires_in: number }).expires_in = 10
    return answer
  })
}

const refreshes = (backChannel: BackChannel) => backChannel.sent('/token').filter((r) => r.grant_type === 'refresh_token')
const answers = (backChannel: BackChannel) => backChannel.exchanges.filter((e) => e.path === '/token').map((e) => e.answer as Answer)

t.test('a token near expiry is refreshed before use, once for parallel reads, and the rotated refresh token is kept', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  expiringTokens(backChannel)
  await signIn(browser, user)

  t.match((await browser.get('/')).body, `Signed in as ${user.id}`)
  t.equal(refreshes(backChannel).length, 1, 'the profile and calls reads share one refresh')
  const [first] = refreshes(backChannel)
  t.match(first, { grant_type: 'refresh_token', authorization: /^Basic / })

  t.match((await browser.get('/')).body, `Signed in as ${user.id}`)
  const [, second] = refreshes(backChannel)
  t.equal(second?.refresh_token, (answers(backChannel)[1]!.json as { refresh_token: string }).refresh_token, 'the rotated refresh token is used next')
  t.not(second!.refresh_token, first!.refresh_token)
})

t.test('a token the resource service rejects is refreshed and the call retried once', async (t) => {
  const { backChannel, resource, user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  resource.rejected.add((answers(backChannel)[0]!.json as { access_token: string }).access_token)
  const home = await browser.get('/')
  t.match(home.body, `Signed in as ${user.id}`)
  t.equal(refreshes(backChannel).length, 1)
  t.equal(resource.requests.filter((r) => r.url === '/api/me').length, 2)
})

t.test('a refresh the identity service refuses (the grant was revoked) signs the user out with a notice', async (t) => {
  const { client, backChannel, user, browser } = await setup(t, keyhold)
  expiringTokens(backChannel)
  await signIn(browser, user)
  const { refresh_token: refreshToken } = answers(backChannel)[0]!.json as { refresh_token: string }
  const revoked = await fetch(`${keyhold.issuer}/revoke`, {
    method: 'POST',
    headers: { authorization: basicAuthorization(client.client_id, client.client_secret!) },
    body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' })
  })
  t.equal(revoked.status, 200)

  const home = await browser.get('/')
  t.match(home.body, 'id="sign-in"')
  t.match(home.body, 'Your Keyhold session has ended')
  t.match(answers(backChannel).at(-1), { status: 400, json: { error: 'invalid_grant' } })
  t.match((await browser.get('/')).body, 'id="sign-in"', 'and stays signed out')
  t.equal(refreshes(backChannel).length, 1)
})

t.test('an identity service that fails to refresh leaves the session signed in with a notice', async (t) => {
  const { backChannel, user, browser } = await setup(t, keyhold)
  let failing = false
  expiringTokens(backChannel, () => failing ? { status: 503, json: { error: 'temporarily_unavailable' } } : undefined)
  await signIn(browser, user)
  failing = true
  const home = await browser.get('/')
  t.equal(home.status, 200)
  t.match(home.body, 'id="resource-error"')
  t.match(home.body, 'id="sign-out"')
  failing = false
  t.match((await browser.get('/')).body, `Signed in as ${user.id}`, 'recovers on the next visit')
})
