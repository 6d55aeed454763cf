// Token exchange refused: no policy, a token the policy does not cover, a dead token, a client that may not exchange.
import t, { type Test } from 'tap'
import { TOKEN_EXCHANGE_GRANT } from '@keyhold/contracts'
import { sha256 } from '../../../src/crypto/hash.js'
import { adminHeaders, clientCredentialsToken, createClient, postForm } from '../../helper.js'
import { addPolicy, auth, BILLING, exchange, exchangingClient, LEDGER, RESOURCE, world } from './support.js'

t.test('token exchange is refused where no policy allows it', async (t) => {
  const { app, web, service, userTokens } = await world(t)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
  const refused = async (t: Test, response: Awaited<ReturnType<typeof exchange>>, error: string, what: string) => {
    t.same([response.statusCode, response.json().error], [400, error], what)
    t.equal(response.headers['cache-control'], 'no-store')
  }

  t.test('a target API no policy of the client names is invalid_target', async (t) => {
    const subject = (await userTokens()).access_token
    await refused(t, await exchange(app, service, { subject_token: subject, audience: LEDGER }), 'invalid_target', 'another API')
    const other = await exchangingClient(app, RESOURCE)
    await refused(t, await exchange(app, other, { subject_token: subject, audience: BILLING }), 'invalid_target', "another client's policy")
  })

  t.test('a subject token the policy does not cover is invalid_request (RFC 8693 §2.2.2)', async (t) => {
    await refused(t, await exchange(app, service, { subject_token: (await userTokens('ships:read')).access_token, audience: BILLING }), 'invalid_request', 'without the source scope')
  })

  t.test('a token for another API than the source is refused', async (t) => {
    const issuerToken = await clientCredentialsToken(app, await createClient(app, { scope: 'users:read' }), 'users:read')
    await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'users:read', target_api: BILLING, target_scope: 'invoices:read' })
    await refused(t, await exchange(app, service, { subject_token: issuerToken, audience: BILLING }), 'invalid_request', 'a users:read token is for the identity service')
  })

  t.test('a revoked, expired, altered or unknown subject token is refused', async (t) => {
    const revoked = await userTokens()
    await postForm(app, '/revoke', { token: revoked.access_token }, auth(web))
    await refused(t, await exchange(app, service, { subject_token: revoked.access_token, audience: BILLING }), 'invalid_request', 'revoked')
    const expired = (await userTokens()).access_token
    const { claims, grantId } = (await app.stores.accessTokens.find(sha256(expired)))!
    await app.stores.accessTokens.save(sha256(expired), { claims: { ...claims, exp: claims.iat - 1 }, ...(grantId && { grantId }) }, 60)
    await refused(t, await exchange(app, service, { subject_token: expired, audience: BILLING }), 'invalid_request', 'expired')
    const live = (await userTokens()).access_token
    await refused(t, await exchange(app, service, { subject_token: `${live.slice(0, -2)}AA`, audience: BILLING }), 'invalid_request', 'altered')
    await refused(t, await exchange(app, service, { subject_token: 'x'.repeat(4096), audience: BILLING }), 'invalid_request', 'unknown')
    const oversized = await exchange(app, service, { subject_token: 'x'.repeat(4097), audience: BILLING })
    t.equal(oversized.statusCode, 400, 'oversized')
  })

  t.test('a client that may not act for the source API gets nothing, whatever its policy', async (t) => {
    const stranger = await exchangingClient(app, LEDGER)
    await addPolicy(app, { client_id: stranger.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
    await refused(t, await exchange(app, stranger, { subject_token: (await userTokens()).access_token, audience: BILLING }), 'invalid_request', 'not the resource service\'s client')
  })

  t.test('a client without the grant type is unauthorized_client; a public client cannot authenticate', async (t) => {
    const plain = await exchangingClient(app, RESOURCE, ['client_credentials'])
    await addPolicy(app, { client_id: plain.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read' })
    await refused(t, await exchange(app, plain, { subject_token: (await userTokens()).access_token, audience: BILLING }), 'unauthorized_client', 'no grant type')
    const spa = await createClient(app, { grant_types: ['authorization_code'], redirect_uris: ['https://spa.example/cb'], token_endpoint_auth_method: 'none' })
    const response = await postForm(app, '/token', { grant_type: TOKEN_EXCHANGE_GRANT, client_id: spa.client_id, subject_token: 'x', audience: BILLING })
    t.same([response.statusCode, response.json().error], [401, 'invalid_client'])
  })

  t.test('the grant is the administrator\'s to give, and only to confidential clients', async (t) => {
    const publicClient = await app.inject({
      method: 'POST', url: '/admin/clients', headers: adminHeaders,
      payload: { client_name: 'spa', grant_types: [TOKEN_EXCHANGE_GRANT], token_endpoint_auth_method: 'none' }
    })
    t.same([publicClient.statusCode, publicClient.json().error], [400, 'invalid_client_metadata'])
  })

  t.test('a token for the target cannot be exchanged back into wider scopes of the source', async (t) => {
    const billingService = await exchangingClient(app, BILLING)
    const forBilling = (await exchange(app, service, { subject_token: (await userTokens()).access_token, audience: BILLING })).json().access_token
    await refused(t, await exchange(app, billingService, { subject_token: forBilling, audience: RESOURCE }), 'invalid_target', 'no policy back')
    await addPolicy(app, { client_id: billingService.client_id, source_api: BILLING, source_scope: 'invoices:read', target_api: RESOURCE, target_scope: 'ships:read' })
    await refused(t, await exchange(app, billingService, { subject_token: forBilling, audience: RESOURCE, scope: 'calls' }), 'invalid_scope', 'the policy back is narrower')
    await refused(t, await exchange(app, service, { subject_token: forBilling, audience: BILLING }), 'invalid_request', 'the first service cannot exchange it again')
  })
})
