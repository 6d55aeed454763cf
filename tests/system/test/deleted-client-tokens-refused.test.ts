// Deleting a client at the identity service ends its tokens everywhere, before they expire: the resource service,
// which had cached its answer, and the identity service's own account API refuse them with an RFC 6750 challenge.
import t from 'tap'
import { bearer, eventually, postForm, signUp, startSystem, tokens } from './system.js'

const INVALID_TOKEN = /^Bearer realm="keyhold", error="invalid_token", error_description="[^"]+"$/

t.test("after DELETE /admin/clients/X, X's unexpired tokens are refused by the resource service and the account API", async (t) => {
  const system = await startSystem(t)
  const user = await signUp(system)
  const doomed = await system.register({
    client_name: 'Fleet app', grant_types: ['password', 'client_credentials'], scope: 'account ships:read', first_party: true
  })
  const survivor = await system.register({ client_name: 'Other app', grant_types: ['client_credentials'], scope: 'ships:read' })
  const userToken = (await tokens(t, await postForm(`${system.auth}/token`, doomed, {
    grant_type: 'password', username: user.username, password: user.password, scope: 'account ships:read'
  }))).access_token
  const machineToken = (await tokens(t, await postForm(`${system.auth}/token`, doomed, { grant_type: 'client_credentials' }))).access_token
  const otherToken = (await tokens(t, await postForm(`${system.auth}/token`, survivor, { grant_type: 'client_credentials' }))).access_token
  const ships = (token: string) => fetch(`${system.resource}/api/ships?limit=1`, { headers: bearer(token) })
  const me = (token: string) => fetch(`${system.auth}/api/users/me`, { headers: bearer(token) })

  for (const token of [userToken, machineToken, otherToken]) {
    t.equal((await ships(token)).status, 200, 'accepted, and now cached by the resource service')
    t.equal((await ships(token)).status, 200)
  }
  t.equal((await me(userToken)).status, 200)

  t.equal(await system.deleteClient(doomed.client_id), 204)

  for (const token of [userToken, machineToken]) {
    t.ok(await eventually(async () => (await ships(token)).status === 401), 'the resource service refuses the token')
    const refused = await ships(token)
    t.equal(refused.status, 401)
    t.match(refused.headers.get('www-authenticate'), INVALID_TOKEN)
    t.equal((await refused.json() as { error: string }).error, 'invalid_token')
  }
  const refusedByIdentity = await me(userToken)
  t.equal(refusedByIdentity.status, 401, 'the account API refuses it too')
  t.match(refusedByIdentity.headers.get('www-authenticate'), INVALID_TOKEN)
  t.equal((await refusedByIdentity.json() as { error: string }).error, 'invalid_token')
  t.equal((await ships(otherToken)).status, 200, "another client's token is untouched")
})
