import t from 'tap'
import { sha256 } from '../../src/crypto/hash.js'
import { basic, build, createClient, decodeJwt, postForm } from '../helper.js'
import { Browser, codeFor, createWebClient, redeem, signUp } from '../browser.js'

t.test('refresh tokens rotate, and a replay ends the grant', async (t) => {
  const app = await build(t)
  const client = await createWebClient(app)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const user = await signUp(app)
  const browser = new Browser(app)
  const refresh = (refreshToken: string, extra: Record<string, string> = {}, headers = auth) =>
    postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }, headers)
  const isActive = async (token: string) => (await postForm(app, '/introspect', { token }, auth)).json().active as boolean
  const start = async (scope = 'ships:read') => {
    const { code, verifier } = await codeFor(browser, user, client, { scope })
    return (await redeem(app, client, { code, code_verifier: verifier })).json()
  }

  t.test('each use returns a successor and kills the token used', async (t) => {
    const first = await start()
    const second = (await refresh(first.refresh_token)).json()
    t.match(second, { token_type: 'Bearer', expires_in: 3600, scope: 'ships:read', refresh_token: String })
    t.equal(await isActive(first.refresh_token), false)
    t.equal(await isActive(second.refresh_token), true)
    t.equal(await isActive(first.access_token), true, 'rotation alone ends no access token')
  })

  t.test('presenting a rotated token revokes the whole grant', async (t) => {
    const first = await start()
    const second = (await refresh(first.refresh_token)).json()
    const third = (await refresh(second.refresh_token)).json()
    const replay = await refresh(first.refresh_token)
    t.equal(replay.statusCode, 400)
    t.equal(replay.json().error, 'invalid_grant')
    for (const token of [third.refresh_token, third.access_token, second.access_token, first.access_token]) {
      t.equal(await isActive(token), false)
    }
    t.equal((await refresh(third.refresh_token)).json().error, 'invalid_grant')
  })

  t.test('two simultaneous refreshes: one rotates, the other is a replay, and the grant is revoked', async (t) => {
    const first = await start()
    const answers = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)])
    const winners = answers.filter((answer) => answer.statusCode === 200)
    t.equal(winners.length, 1)
    t.equal(answers.find((answer) => answer.statusCode !== 200)!.json().error, 'invalid_grant')
    const won = winners[0]!.json()
    t.equal(await isActive(won.refresh_token), false, 'the winner’s tokens die with the grant')
    t.equal(await isActive(won.access_token), false)
  })

  t.test('scope may narrow, never widen; the grant keeps what the user granted', async (t) => {
    const first = await start('ships:read ships:write')
    const narrowed = await refresh(first.refresh_token, { scope: 'ships:read' })
    t.equal(narrowed.json().scope, 'ships:read')
    t.equal(decodeJwt(narrowed.json().access_token).payload.scope, 'ships:read')
    const full = await refresh(narrowed.json().refresh_token)
    t.equal(full.json().scope, 'ships:read ships:write')

    const limited = await start('ships:read')
    const widened = await refresh(limited.refresh_token, { scope: 'ships:read ships:write' })
    t.equal(widened.statusCode, 400)
    t.equal(widened.json().error, 'invalid_scope')
    t.equal(await isActive(limited.refresh_token), true, 'a refused request rotates nothing')
  })

  t.test('a refresh token is bound to its client', async (t) => {
    const first = await start()
    const other = await createWebClient(app)
    const stolen = await refresh(first.refresh_token, {}, { authorization: basic(other.client_id, other.client_secret!) })
    t.equal(stolen.json().error, 'invalid_grant')
    t.equal(await isActive(first.refresh_token), true)
    const unknown = await refresh('never-issued')
    t.equal(unknown.json().error, 'invalid_grant')
  })

  t.test('a refresh token whose user is gone gives nothing', async (t) => {
    // A password grant: no consent record, whose deletion with the user would refuse the refresh before.
    const firstParty = await createClient(app, { client_name: 'first party', grant_types: ['password', 'refresh_token'], scope: 'ships:read' })
    const asFirstParty = { authorization: basic(firstParty.client_id, firstParty.client_secret!) }
    const leaving = await signUp(app)
    const first = (await postForm(app, '/token', { grant_type: 'password', username: leaving.username, password: leaving.password }, asFirstParty)).json()
    await app.stores.users.delete(leaving.id)
    t.equal((await refresh(first.refresh_token, {}, asFirstParty)).json().error, 'invalid_grant')
  })

  t.test('a record past its own expiry is refused while the store still keeps it', async (t) => {
    const first = await start()
    const hash = sha256(first.refresh_token)
    const record = (await app.stores.refreshTokens.find(hash))!
    await app.stores.refreshTokens.issue(hash, { ...record, expiresAt: Math.floor(Date.now() / 1000) - 1 }, 60)
    t.equal((await refresh(first.refresh_token)).json().error, 'invalid_grant')
  })

  t.test('revoking an access token leaves the grant; revoking the refresh token ends it', async (t) => {
    const first = await start()
    await postForm(app, '/revoke', { token: first.access_token }, auth)
    t.equal(await isActive(first.access_token), false)
    t.equal(await isActive(first.refresh_token), true)
    await postForm(app, '/revoke', { token: first.refresh_token, token_type_hint: 'refresh_token' }, auth)
    t.equal(await isActive(first.refresh_token), false)
  })

  t.test('clients without the refresh_token grant get no refresh token', async (t) => {
    const codeOnly = await createWebClient(app, { grant_types: ['authorization_code'] })
    const { code, verifier } = await codeFor(browser, user, codeOnly)
    const body = (await redeem(app, codeOnly, { code, code_verifier: verifier })).json()
    t.ok(body.access_token)
    t.notOk('refresh_token' in body)
  })
})
