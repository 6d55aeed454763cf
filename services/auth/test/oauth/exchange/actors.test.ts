// Who acts in an exchanged token: chains nest act, impersonation only where a policy allows it and no actor is named.
import t from 'tap'
import { ACCESS_TOKEN_TYPE } from '@keyhold/contracts'
import { adminHeaders, clientCredentialsToken, createClient, decodeJwt } from '../../helper.js'
import { addPolicy, BILLING, exchange, exchanged, exchangingClient, isActive, LEDGER, RESOURCE, world } from './support.js'

t.test('act names each client that exchanged the token, innermost first', async (t) => {
  const { app, service, userTokens } = await world(t)
  const billing = await exchangingClient(app, BILLING)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  await addPolicy(app, { client_id: billing.client_id, source_api: BILLING, source_scope: 'invoices:read', target_api: LEDGER, target_scope: 'entries:read' })
  const forBilling = await exchanged(app, service, { subject_token: (await userTokens()).access_token, audience: BILLING })
  const forLedger = await exchanged(app, billing, { subject_token: forBilling, audience: LEDGER })

  t.test('A → B → C gives act.act', async (t) => {
    t.same(decodeJwt(forLedger).payload.act, {
      sub: billing.client_id, client_id: billing.client_id, act: { sub: service.client_id, client_id: service.client_id }
    })
    t.equal(decodeJwt(forLedger).payload.client_id, billing.client_id)
  })

  t.test('a token stops being active when a client in its chain is deleted', async (t) => {
    t.equal(await isActive(app, billing, forLedger), true)
    await app.inject({ method: 'DELETE', url: `/admin/clients/${service.client_id}`, headers: adminHeaders })
    t.equal(await isActive(app, billing, forLedger), false, 'the first service acted in it')
  })
})

t.test('impersonation only where the policy allows it and the request names no actor', async (t) => {
  const { app, service, userTokens } = await world(t)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read', impersonation: true })
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: LEDGER, target_scope: 'entries:read' })
  const subject = (await userTokens()).access_token
  const own = await clientCredentialsToken(app, service)
  const actOf = async (params: Record<string, string>) => decodeJwt(await exchanged(app, service, { subject_token: subject, ...params })).payload.act

  t.test('without an actor token, a policy flagged for it leaves act out', async (t) => {
    t.equal(await actOf({ audience: BILLING }), undefined)
  })

  t.test('naming itself as actor, the client is named in act', async (t) => {
    t.same(await actOf({ audience: BILLING, actor_token: own, actor_token_type: ACCESS_TOKEN_TYPE }), { sub: service.client_id, client_id: service.client_id })
  })

  t.test('a policy without the flag always names the client', async (t) => {
    t.same(await actOf({ audience: LEDGER }), { sub: service.client_id, client_id: service.client_id })
  })

  t.test('the flag must be on every policy that applies', async (t) => {
    await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:write' })
    t.same(await actOf({ audience: BILLING }), { sub: service.client_id, client_id: service.client_id })
  })

  t.test('an actor token must be an active token of the client itself, with its type', async (t) => {
    const other = await clientCredentialsToken(app, await createClient(app))
    const cases: Array<[Record<string, string>, string]> = [
      [{ actor_token: other, actor_token_type: ACCESS_TOKEN_TYPE }, 'the actor token is not an active access token of the client itself'],
      [{ actor_token: subject, actor_token_type: ACCESS_TOKEN_TYPE }, 'the actor token is not an active access token of the client itself'],
      [{ actor_token: 'nonsense', actor_token_type: ACCESS_TOKEN_TYPE }, 'the actor token is not an active access token of the client itself'],
      [{ actor_token: own }, 'actor_token_type must be urn:ietf:params:oauth:token-type:access_token'],
      [{ actor_token_type: ACCESS_TOKEN_TYPE }, 'actor_token_type is only sent with an actor_token']
    ]
    for (const [params, description] of cases) {
      const response = await exchange(app, service, { subject_token: subject, audience: BILLING, ...params })
      t.same([response.statusCode, response.json()], [400, { error: 'invalid_request', error_description: description }], description)
    }
  })
})

t.test('a loop of policies cannot grow a token without end', async (t) => {
  const { app, service, userTokens } = await world(t)
  const billing = await exchangingClient(app, BILLING)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  await addPolicy(app, { client_id: billing.client_id, source_api: BILLING, source_scope: 'invoices:read', target_api: RESOURCE, target_scope: 'calls' })
  let token = (await userTokens()).access_token
  const hops = [[service, BILLING], [billing, RESOURCE]] as const
  let depth = 0
  for (;;) {
    const [client, target] = hops[depth % 2]!
    const response = await exchange(app, client, { subject_token: token, audience: target })
    if (response.statusCode !== 200) {
      t.same(response.json().error, 'invalid_request')
      break
    }
    token = response.json().access_token
    depth++
  }
  t.equal(depth, 5, 'five clients may act, nested')
})
