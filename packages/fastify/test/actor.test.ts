// A token obtained by exchange (RFC 8693) carries who acts for its subject: the route sees the whole chain.
import t from 'tap'
import { bearer, protectedApi, startIdentity } from './helper.js'

t.test("the token's actor, nested as issued, is on the request", async (t) => {
  const identity = await startIdentity(t)
  const api = await protectedApi(t, identity)
  const gateway = await identity.client('ships:read')
  const edge = await identity.client('ships:read')
  const act = { sub: gateway.client_id, client_id: gateway.client_id, act: { sub: edge.client_id, client_id: edge.client_id } }
  const token = await identity.issue({ sub: 'user-1', client_id: gateway.client_id, scope: 'ships:read', username: 'ada', act })
  const response = await api.inject({ method: 'GET', url: '/ships', headers: bearer(token) })
  t.equal(response.statusCode, 200)
  t.match(response.json(), { sub: 'user-1', clientId: gateway.client_id, username: 'ada', act })
})
