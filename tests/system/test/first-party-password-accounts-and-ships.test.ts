// Classic scenario 5: a first-party app signs users in with their password (a flagged client), refreshes
// and logs out by revocation; only an account's owner, with the account scope and the current password, may change
// or delete it; writing ships takes ships:write.
import t, { type Test } from 'tap'
import type { ClientWithSecret } from '@keyhold/contracts'
import { bearer, eventually, postForm, signUp, startSystem, tokens, type Account, type System } from './system.js'

const INSUFFICIENT = /^Bearer realm="keyhold", error="insufficient_scope"/
const INVALID_TOKEN = /^Bearer realm="keyhold", error="invalid_token"/

function passwordGrant (t: Test, system: System, client: ClientWithSecret, user: Pick<Account, 'username' | 'password'>, scope: string) {
  return postForm(`${system.auth}/token`, client, { grant_type: 'password', username: user.username, password: user.password, scope })
    .then((response) => tokens(t, response))
}

t.test('a first-party app with the password grant', async (t) => {
  const system = await startSystem(t)
  // first_party lets the administrator grant the account scope. account and users:read are the identity service's
  // scopes: a token carrying one names the issuer in aud, which the users API asks for.
  const app = await system.register({
    client_name: 'Fleet app', grant_types: ['password', 'refresh_token'], scope: 'ships:read ships:write users:read account', first_party: true
  })
  const [alice, bob] = [await signUp(system), await signUp(system)]

  t.test('logs in, refreshes, and logs out by revoking the access token, then the refresh token', async (t) => {
    const wrong = await postForm(`${system.auth}/token`, app, { grant_type: 'password', username: alice.username, password: 'not the password' })
    t.equal(wrong.status, 400)
    t.same(await wrong.json(), { error: 'invalid_grant', error_description: 'the username or password is incorrect' })

    const login = await passwordGrant(t, system, app, alice, 'ships:read account')
    t.equal(login.scope, 'ships:read account')
    const { access_token: accessToken, refresh_token: refreshToken } = await tokens(t,
      await postForm(`${system.auth}/token`, app, { grant_type: 'refresh_token', refresh_token: login.refresh_token! }))

    const me = () => fetch(`${system.auth}/api/users/me`, { headers: bearer(accessToken) })
    t.equal((await me()).status, 200)
    t.equal((await postForm(`${system.auth}/revoke`, app, { token: accessToken, token_type_hint: 'access_token' })).status, 200)
    const loggedOut = await me()
    t.equal(loggedOut.status, 401)
    t.match(loggedOut.headers.get('www-authenticate'), INVALID_TOKEN)
    t.same(await (await postForm(`${system.auth}/introspect`, app, { token: accessToken })).json(), { active: false })

    t.equal((await postForm(`${system.auth}/revoke`, app, { token: refreshToken!, token_type_hint: 'refresh_token' })).status, 200)
    const refresh = await postForm(`${system.auth}/token`, app, { grant_type: 'refresh_token', refresh_token: refreshToken! })
    t.equal(refresh.status, 400)
    t.equal((await refresh.json() as { error: string }).error, 'invalid_grant')
  })

  t.test('only the owner changes or deletes an account, with the account scope and the current password', async (t) => {
    const { access_token: shipsOnly } = await passwordGrant(t, system, app, alice, 'ships:read')
    const { access_token: readOnly } = await passwordGrant(t, system, app, alice, 'users:read')
    const { access_token: aliceToken } = await passwordGrant(t, system, app, alice, 'ships:read account')
    const { access_token: bobToken } = await passwordGrant(t, system, app, bob, 'users:read')
    const users = (method: string, id: string, token: string, body: object) => fetch(`${system.auth}/api/users/${id}`, {
      method, headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body)
    })
    const proof = { current_password: alice.password }

    for (const [method, body] of [['PUT', { username: 'mallory', ...proof }], ['DELETE', proof]] as const) {
      const forAnotherApi = await users(method, alice.id, shipsOnly, body)
      t.equal(forAnotherApi.status, 401, `${method} with a token for the resource service alone is refused`)
      t.match(forAnotherApi.headers.get('www-authenticate'), INVALID_TOKEN)
      const notForThat = await users(method, alice.id, readOnly, body)
      t.equal(notForThat.status, 403, `${method} with a token for users:read alone is forbidden`)
      t.match(notForThat.headers.get('www-authenticate'), INSUFFICIENT)

      for (const id of [bob.id, '00000000-0000-4000-8000-000000000000']) {
        const forbidden = await users(method, id, aliceToken, body)
        t.equal(forbidden.status, 403, `${method} of another user's account, or of an unknown one, is forbidden alike`)
        t.match(forbidden.headers.get('www-authenticate'), INSUFFICIENT)
        t.same(await forbidden.json(), { error: 'insufficient_scope', error_description: 'only the account holder may change or delete it' })
      }
    }
    const wrong = await users('DELETE', alice.id, aliceToken, { current_password: 'not the current password' })
    t.equal(wrong.status, 403)
    t.same(await wrong.json(), { error: 'access_denied', error_description: 'the current password is incorrect' })

    const renamed = await users('PUT', alice.id, aliceToken, { username: `${alice.username}-2`, ...proof })
    t.equal(renamed.status, 200)
    t.match(await renamed.json(), { id: alice.id, username: `${alice.username}-2` })
    t.equal((await fetch(`${system.auth}/api/users/me`, { headers: bearer(aliceToken) })).status, 401, 'tokens naming the old username end')

    const { access_token: renamedToken } = await passwordGrant(t, system, app, { ...alice, username: `${alice.username}-2` }, 'ships:read account')
    const ships = async () => (await fetch(`${system.resource}/api/ships`, { headers: bearer(renamedToken) })).status
    t.equal(await ships(), 200)
    const deleted = await users('DELETE', alice.id, renamedToken, proof)
    t.equal(deleted.status, 204)
    t.equal(await deleted.text(), '')
    t.equal((await fetch(`${system.auth}/api/users/me`, { headers: bearer(renamedToken) })).status, 401, "the account's tokens end with it")
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
