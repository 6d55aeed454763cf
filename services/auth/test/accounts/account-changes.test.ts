import t from 'tap'
import { randomUUID } from 'node:crypto'
import { build, createClient } from '../helper.js'
import { signUp } from '../browser.js'
import { accessToken, callApi, createAccountClient, isActive, tokensFor } from './fixtures.js'

t.test('changing and deleting an account takes the account scope and the current password', async (t) => {
  const app = await build(t)
  const accountApp = await createAccountClient(app)
  const shipsApp = await createClient(app, { client_name: 'ships', grant_types: ['password'], scope: 'ships:read' })
  const readersApp = await createClient(app, { client_name: 'readers', grant_types: ['password'], scope: 'users:read' })

  t.test('a token for ships:read alone changes nothing and deletes nothing; the old password keeps working', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, shipsApp, user, 'ships:read')
    const put = await callApi(app, 'PUT', `/api/users/${user.id}`, token, { password: 'a takeover password', current_password: user.password })
    const del = await callApi(app, 'DELETE', `/api/users/${user.id}`, token, { current_password: user.password })
    for (const response of [put, del]) {
      t.equal(response.statusCode, 401, 'a token for another API is not a token for this one')
      t.equal(response.json().error, 'invalid_token')
      t.match(response.headers['www-authenticate'], /^Bearer .*error="invalid_token"/)
    }
    t.equal((await tokensFor(app, shipsApp, user)).statusCode, 200)
    t.equal((await tokensFor(app, shipsApp, { ...user, password: 'a takeover password' })).json().error, 'invalid_grant')
  })

  t.test('a token for this API without the account scope gets 403 insufficient_scope naming it', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, readersApp, user, 'users:read')
    const put = await callApi(app, 'PUT', `/api/users/${user.id}`, token, { password: 'a takeover password', current_password: user.password })
    const del = await callApi(app, 'DELETE', `/api/users/${user.id}`, token, { current_password: user.password })
    for (const response of [put, del]) {
      t.equal(response.statusCode, 403)
      t.equal(response.json().error, 'insufficient_scope')
      t.match(response.headers['www-authenticate'], /error="insufficient_scope", .*scope="account"/)
    }
    t.equal((await tokensFor(app, readersApp, user, 'users:read')).statusCode, 200)
  })

  t.test('without the current password → 400 invalid_request; a wrong one → 403 access_denied, and nothing changes', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, accountApp, user)
    for (const [method, payload] of [['PUT', { password: 'a takeover password' }], ['DELETE', {}], ['DELETE', undefined]] as const) {
      const missing = await callApi(app, method, `/api/users/${user.id}`, token, payload)
      t.equal(missing.statusCode, 400, `${method} ${JSON.stringify(payload)}`)
      t.equal(missing.json().error, 'invalid_request')
    }
    const wrongPut = await callApi(app, 'PUT', `/api/users/${user.id}`, token, { password: 'a takeover password', current_password: 'not the password at all' })
    const wrongDelete = await callApi(app, 'DELETE', `/api/users/${user.id}`, token, { current_password: 'not the password at all' })
    for (const response of [wrongPut, wrongDelete]) {
      t.equal(response.statusCode, 403)
      t.same(response.json(), { error: 'access_denied', error_description: 'the current password is incorrect' })
    }
    t.equal((await tokensFor(app, accountApp, user)).statusCode, 200)
    t.equal((await callApi(app, 'GET', '/api/users/me', token)).statusCode, 200)
  })

  t.test('wrong current passwords are throttled like sign-in failures', async (t) => {
    const throttled = await build(t, { LOGIN_MAX_FAILURES: '2' })
    const client = await createAccountClient(throttled)
    const user = await signUp(throttled)
    const token = await accessToken(throttled, client, user)
    const statuses = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await callApi(throttled, 'DELETE', `/api/users/${user.id}`, token, { current_password: `wrong password number ${i}` })).statusCode)
    }
    t.same(statuses, [403, 403, 429])
    const right = await callApi(throttled, 'DELETE', `/api/users/${user.id}`, token, { current_password: user.password })
    t.equal(right.statusCode, 429, 'even the right password waits out the throttle')
    t.ok(Number(right.headers['retry-after']) > 0)
  })

  t.test('another user’s account and an unknown one get the same answer', async (t) => {
    const alice = await signUp(app)
    const bob = await signUp(app)
    const token = await accessToken(app, accountApp, alice)
    for (const method of ['PUT', 'DELETE'] as const) {
      const payload = { current_password: alice.password, ...(method === 'PUT' && { username: 'mallory1' }) }
      const answers = await Promise.all([bob.id, randomUUID(), 'not-a-uuid'].map((id) => callApi(app, method, `/api/users/${id}`, token, payload)))
      t.same(new Set(answers.map((answer) => answer.statusCode)), new Set([403]), method)
      t.same(new Set(answers.map((answer) => answer.body)), new Set([answers[0]!.body]), method)
    }
    t.equal((await tokensFor(app, accountApp, bob)).statusCode, 200)
  })

  t.test('a new password ends every token issued before; the old password stops working', async (t) => {
    const user = await signUp(app)
    const before = (await tokensFor(app, accountApp, user)).json()
    const changed = await callApi(app, 'PUT', `/api/users/${user.id}`, before.access_token, { password: 'a brand new passphrase', current_password: user.password })
    t.equal(changed.statusCode, 200)
    t.notOk(/password/.test(changed.body))
    for (const token of [before.access_token, before.refresh_token]) t.notOk(await isActive(app, accountApp, token))
    t.equal((await tokensFor(app, accountApp, user)).json().error, 'invalid_grant')
    t.equal((await tokensFor(app, accountApp, { ...user, password: 'a brand new passphrase' })).statusCode, 200)
  })

  t.test('deleting an account revokes every token it holds', async (t) => {
    const user = await signUp(app)
    const one = (await tokensFor(app, accountApp, user)).json()
    const two = (await tokensFor(app, accountApp, user)).json()
    const deleted = await callApi(app, 'DELETE', `/api/users/${user.id}`, one.access_token, { current_password: user.password })
    t.equal(deleted.statusCode, 204)
    for (const token of [one.access_token, one.refresh_token, two.access_token, two.refresh_token]) t.notOk(await isActive(app, accountApp, token))
    t.equal((await callApi(app, 'GET', '/api/users/me', two.access_token)).statusCode, 401)
    t.equal((await tokensFor(app, accountApp, user)).json().error, 'invalid_grant')
  })

  t.test('oversized and malformed bodies → 4xx with an OAuth body', async (t) => {
    const user = await signUp(app)
    const token = await accessToken(app, accountApp, user)
    const url = `/api/users/${user.id}`
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const bodies = ['{"current_password": ', '[]', '"text"', JSON.stringify({ current_password: 'x'.repeat(2_000_000) }),
      JSON.stringify({ current_password: 12345678 }), JSON.stringify({ current_password: '' })]
    for (const payload of bodies) {
      for (const method of ['PUT', 'DELETE'] as const) {
        const response = await app.inject({ method, url, headers, payload })
        t.ok(response.statusCode >= 400 && response.statusCode < 500, `${method} ${payload.slice(0, 40)} → ${response.statusCode}`)
        t.type(response.json().error, 'string')
      }
    }
    const nothing = await app.inject({ method: 'PUT', url, headers, payload: JSON.stringify({ current_password: user.password, extra: 1 }) })
    t.equal(nothing.statusCode, 400, 'nothing to change')
    t.equal(nothing.json().error, 'invalid_request')
    t.equal((await tokensFor(app, accountApp, user)).statusCode, 200)
    t.ok(await isActive(app, accountApp, token))
  })
})
