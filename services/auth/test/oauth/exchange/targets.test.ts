// The API an exchange asks for: audience and resource (RFC 8693 §2.1), repeated or not, naming exactly one API.
import t from 'tap'
import { decodeJwt, registerApi } from '../../helper.js'
import { addPolicy, BILLING, exchange, LEDGER, RESOURCE, world } from './support.js'

t.test('audience and resource name the one API the token is for', async (t) => {
  const { app, service, userTokens } = await world(t)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: LEDGER, target_scope: 'entries:read' })
  const subject = (await userTokens()).access_token
  const target = async (params: Record<string, string | string[]>) => {
    const response = await exchange(app, service, { subject_token: subject, ...params })
    return response.statusCode === 200 ? decodeJwt(response.json().access_token).payload.aud : response.json().error
  }

  t.test('either names it, or both, or one repeated', async (t) => {
    t.equal(await target({ audience: BILLING }), BILLING, 'audience')
    t.equal(await target({ resource: BILLING }), BILLING, 'resource')
    t.equal(await target({ audience: LEDGER }), LEDGER, 'audience, another API')
    t.equal(await target({ audience: BILLING, resource: BILLING }), BILLING, 'both, the same')
    t.equal(await target({ audience: [BILLING, BILLING] }), BILLING, 'repeated, the same')
    t.equal(await target({ audience: [BILLING, ''] }), BILLING, 'an empty value counts as absent')
  })

  t.test('several APIs, none, or a resource that is not an absolute URI is invalid_target', async (t) => {
    t.equal(await target({ audience: [BILLING, LEDGER] }), 'invalid_target', 'two audiences')
    t.equal(await target({ audience: BILLING, resource: LEDGER }), 'invalid_target', 'audience and resource apart')
    t.equal(await target({ resource: [BILLING, LEDGER] }), 'invalid_target', 'two resources')
    t.equal(await target({}), 'invalid_target', 'none')
    t.equal(await target({ audience: '' }), 'invalid_target', 'an empty one')
    t.equal(await target({ resource: 'billing' }), 'invalid_target', 'a relative resource')
    t.equal(await target({ resource: `${BILLING}#part` }), 'invalid_target', 'a resource with a fragment')
    t.equal(await target({ resource: 'https://billing.example/a b' }), 'invalid_target', 'a resource with a space')
    t.equal(await target({ audience: 'https://unknown.example' }), 'invalid_target', 'an API nobody exchanges for')
  })

  t.test('a policy for an API that is no longer registered gives nothing', async (t) => {
    const gone = 'https://gone.example/api'
    const registered = await registerApi(app, { identifier: gone, name: 'Gone', scopes: [{ name: 'gone:read', description: 'Read' }] })
    await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: gone, target_scope: 'gone:read' })
    t.equal(await target({ audience: gone }), gone, 'while it is registered')
    await app.apis.delete(registered.id)
    t.equal(await target({ audience: gone }), 'invalid_target', 'once it is deleted')
  })

  t.test('more names than a request may carry is invalid_request; other parameters still may not repeat', async (t) => {
    const many = Array.from({ length: 11 }, () => BILLING)
    const response = await exchange(app, service, { subject_token: subject, audience: many })
    t.same([response.statusCode, response.json().error], [400, 'invalid_request'])
    const twice = await exchange(app, service, { subject_token: [subject, subject], audience: BILLING })
    t.same([twice.statusCode, twice.json()], [400, { error: 'invalid_request', error_description: "parameter 'subject_token' is repeated" }])
  })
})
