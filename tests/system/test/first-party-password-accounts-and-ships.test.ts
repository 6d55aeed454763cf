// Classic scenario 5: a first-party app signs users in with their password (a flagged client), refreshes
// and logs out by revocation; only an account's owner may change or delete it; writing ships takes ships:write.
import t, { type Test } from 'tap'
import type { ClientWithSecret } from '@keyhold/contracts'
import { bearer, eventually, postForm, signUp, startSystem, tokens, type Account, type System } from './system.js'

const INSUFFICIENT = /^Bearer realm="keyhold", error="insufficient_scope"/

function passwordGrant (t: Test, system: System, client: ClientWithSecret, user: Pick<Account, 'username' | 'password'>, scope: string) {
  return postForm(`${system.auth}/token`, client, { grant_type: 'password', username: user.username, password: user.password, scope })
    .then((response) => tokens(t, response))
}

t.test('a first-party app with the password grant', async (t) => {
  const system = await startSystem(t)
  const app = await system.register({ client_name: 'Fleet app', grant_types: ['password', 'refresh_token'], scope: 'ships:read ships:write' })
  const [alice, bob] = [await signUp(system), await signUp(system)]

  t.test('logs in, refreshes, and logs out by revoking the access token, then the refresh token', async (t) => {
    const wrong = await postForm(`${system.auth}/token`, app, { grant_type: 'password', username: alice.username, password: 'not the password' })
    t.equal(wrong.status, 400)
    t.same(await wrong.json(), { error: 'invalid_grant', error_description: 'the username or password is incorrect' })

    const login = await passwordGrant(t, system, app, alice, 'ships:read')
    t.equal(login.scope, 'ships:read')
    const { access_token: accessToken, refresh_token: refreshToken } = await tokens(t,
      await postForm(`${system.auth}/token`, app, { grant_type: 'refresh_token', refresh_token: login.refresh_token! }))

    const me = () => fetch(`${system.auth}/api/users/me`, { headers: bearer(accessToken) })
    t.equal((await me()).status, 200)
    t.equal((await postForm(`${system.auth}/revoke`, app, { token: accessToken, token_type_hint: 'access_token' })).status, 200)
    const loggedOut = await me()
    t.equal(loggedOut.status, 401)
    t.match(loggedOut.headers.get('www-authenticate'), /^Bearer realm="keyhold", error="invalid_token"/)
    t.same(await (await postForm(`${system.auth}/introspect`, app, { token: accessToken })).json(), { active: false })

    t.equal((await postForm(`${system.auth}/revoke`, app, { token: refreshToken!, token_type_hint: 'refresh_token' })).status, 200)
    const refresh = await postForm(`${system.auth}/token`, app, { grant_type: 'refresh_token', refresh_token: refreshToken! })
    t.equal(refresh.status, 400)
    t.equal((await refresh.json() as { error: string }).error, 'invalid_grant')
  })

  t.test('only the owner changes or deletes an account', async (t) => {
    const { access_token: aliceToken } = await passwordGrant(t, system, app, alice, 'ships:read')
    const { access_token: bobToken } = await passwordGrant(t, system, app, bob, 'ships:read')
    const users = (method: string, id: string, token: string, body?: object) => fetch(`${system.auth}/api/users/${id}`, {
      method, headers: { ...bearer(token), ...(body && { 'content-type': 'application/json' }) }, ...(body && { body: JSON.stringify(body) })
    })

    for (const [method, body] of [['PUT', { username: 'mallory' }], ['DELETE', undefined]] as const) {
      const forbidden = await users(method, bob.id, aliceToken, body)
      t.equal(forbidden.status, 403, `${method} of another user's account is forbidden`)
      t.match(forbidden.headers.get('www-authenticate'), INSUFFICIENT)
      t.same(await forbidden.json(), { error: 'insufficient_scope', error_description: 'only the account holder may change or delete it' })

      const unknown = await users(method, '00000000-0000-4000-8000-000000000000', aliceToken, body)
      t.equal(unknown.status, 404, `${method} of an unknown account is 404`)
      t.same(await unknown.json(), { error: 'not_found', error_description: 'no such user' })
    }

    const renamed = await users('PUT', alice.id, aliceToken, { username: `${alice.username}-2` })
    t.equal(renamed.status, 200)
    t.match(await renamed.json(), { id: alice.id, username: `${alice.username}-2` })

    const ships = async () => (await fetch(`${system.resource}/api/ships`, { headers: bearer(aliceToken) })).status
    t.equal(await ships(), 200)
    const deleted = await users('DELETE', alice.id, aliceToken)
    t.equal(deleted.status, 204)
    t.equal(await deleted.text(), '')
    t.equal((await fetch(`${system.auth}/api/users/me`, { headers: bearer(aliceToken) })).status, 401, "the account's tokens end with it")
    t.ok(await eventually(async () => await ships() === 401), 'and the resource service refuses them')
    t.match(await (await fetch(`${system.auth}/api/users/me`, { headers: bearer(bobToken) })).json(), { id: bob.id }, 'other accounts stay')
  })

  t.test('writing to the ships API takes a token with ships:write', async (t) => {
    const { access_token: reader } = await passwordGrant(t, system, app, bob, 'ships:read')
    const { access_token: writer } = await passwordGrant(t, system, app, bob, 'ships:read ships:write')
    const ship = { name: 'Enterprise', registry: 'NCC-1701-D', class: 'Galaxy', affiliation: 'Federation', category: 'Explorer', crew: 1014 }
    const create = (headers: Record<string, string>) => fetch(`${system.resource}/api/ships`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(ship)
    })

    const anonymous = await create({})
    t.equal(anonymous.status, 401)
    t.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="keyhold"')

    const readOnly = await create(bearer(reader))
    t.equal(readOnly.status, 403)
    t.equal(readOnly.headers.get('www-authenticate'),
      'Bearer realm="keyhold", error="insufficient_scope", error_description="this request needs the scope \'ships:write\'", scope="ships:write"')

    const created = await create(bearer(writer))
    const body = await created.json() as { id: string }
    t.equal(created.status, 201)
    t.equal(created.headers.get('location'), `/api/ships/${body.id}`)
    t.same(body, { id: body.id, ...ship })

    const read = await fetch(`${system.resource}${created.headers.get('location')}`, { headers: bearer(reader) })
    t.equal(read.status, 200, 'reading takes only ships:read')
    t.same(await read.json(), body)
  })
})
