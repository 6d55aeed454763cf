import t from 'tap'
import { build } from '../helper.js'
import { signUp } from '../browser.js'
import { accessToken, callApi, createAccountClient, isActive, tokensFor } from './fixtures.js'

t.test('renaming an account', async (t) => {
  const app = await build(t)
  const client = await createAccountClient(app)
  const rename = (user: { id: string, password: string }, token: string, username: string) =>
    callApi(app, 'PUT', `/api/users/${user.id}`, token, { username, current_password: user.password })

  t.test('ends the tokens that carry the old name, so none introspects a name another user may take', async (t) => {
    const user = await signUp(app)
    const before = (await tokensFor(app, client, user)).json()
    const renamed = await rename(user, before.access_token, `${user.username}x`)
    t.equal(renamed.statusCode, 200)
    t.equal(renamed.json().username, `${user.username}x`)
    for (const token of [before.access_token, before.refresh_token]) t.notOk(await isActive(app, client, token))
    const squatter = await signUp(app, user.username)
    const squatterToken = await accessToken(app, client, squatter)
    t.equal((await callApi(app, 'GET', '/api/users/me', squatterToken)).json().id, squatter.id)
    const after = await accessToken(app, client, { username: `${user.username}x`, password: user.password })
    t.equal((await callApi(app, 'GET', '/api/users/me', after)).json().username, `${user.username}x`)
  })

  t.test('to a name taken in any case → 409, and the account keeps its name and tokens', async (t) => {
    const alice = await signUp(app)
    const bob = await signUp(app)
    const token = await accessToken(app, client, bob)
    const taken = await rename(bob, token, alice.username.toUpperCase())
    t.equal(taken.statusCode, 409)
    t.equal(taken.json().error, 'invalid_request')
    t.ok(await isActive(app, client, token))
    t.equal((await callApi(app, 'GET', '/api/users/me', token)).json().username, bob.username)
  })

  t.test('two renames racing to one name: exactly one wins, the other is 409', async (t) => {
    const [one, two] = await Promise.all([signUp(app), signUp(app)])
    const [oneToken, twoToken] = await Promise.all([accessToken(app, client, one!), accessToken(app, client, two!)])
    const answers = await Promise.all([rename(one!, oneToken, 'contested'), rename(two!, twoToken, 'Contested')])
    t.same(answers.map((answer) => answer.statusCode).sort(), [200, 409])
  })
})
