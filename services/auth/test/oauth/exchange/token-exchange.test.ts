// Token exchange allowed by a policy: the token for the target API, naming the client in act, and what it may hold.
import t from 'tap'
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '@keyhold/contracts'
import { decodeJwt, postForm } from '../../helper.js'
import { addPolicy, auth, BILLING, exchange, exchangingClient, RESOURCE, world } from './support.js'

t.test('a service exchanges a user token for its API for one to another API', async (t) => {
  const { app, user, web, service, userTokens } = await world(t)
  await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'calls', target_api: BILLING, target_scope: 'invoices:read invoices:write' })

  t.test('the answer follows RFC 8693 §2.2.1 and the token is for the target, acting for the user', async (t) => {
    const subject = await userTokens()
    const response = await exchange(app, service, { subject_token: subject.access_token, audience: BILLING })
    t.equal(response.statusCode, 200, response.body)
    t.equal(response.headers['cache-control'], 'no-store')
    const body = response.json()
    t.same(Object.keys(body).sort(), ['access_token', 'expires_in', 'issued_token_type', 'scope', 'token_type'], 'no refresh token')
    t.match(body, { issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', scope: 'invoices:read invoices:write' })
    const { header, payload } = decodeJwt(body.access_token)
    t.equal(header.typ, 'at+jwt')
    t.match(payload, {
      iss: 'http://127.0.0.1:4000', sub: user.id, aud: BILLING, client_id: service.client_id, username: user.username,
      scope: 'invoices:read invoices:write', act: { sub: service.client_id, client_id: service.client_id }
    })
    t.notOk('act' in (payload.act as object), 'the user signed in directly: nobody acted before the service')
    const subjectExp = decodeJwt(subject.access_token).payload.exp as number
    t.ok((payload.exp as number) <= subjectExp, 'never past the subject token')
  })

  t.test('introspection shows act to the exchanging client and to the target API, and nothing to others', async (t) => {
    const token = (await exchange(app, service, { subject_token: (await userTokens()).access_token, audience: BILLING })).json().access_token
    const billing = await exchangingClient(app, BILLING)
    for (const caller of [service, billing]) {
      const answer = (await postForm(app, '/introspect', { token }, auth(caller))).json()
      t.match(answer, { active: true, aud: BILLING, sub: user.id, client_id: service.client_id, act: { sub: service.client_id, client_id: service.client_id } })
    }
    t.same((await postForm(app, '/introspect', { token }, auth(web))).json(), { active: false }, 'the web client is no party to it')
  })

  t.test('scope narrows what the policy allows; a wider one is invalid_scope', async (t) => {
    const subject = (await userTokens()).access_token
    const narrow = await exchange(app, service, { subject_token: subject, audience: BILLING, scope: 'invoices:read' })
    t.equal(narrow.json().scope, 'invoices:read')
    t.equal(decodeJwt(narrow.json().access_token).payload.scope, 'invoices:read')
    for (const scope of ['invoices:read invoices:delete', 'calls']) {
      const wide = await exchange(app, service, { subject_token: subject, audience: BILLING, scope })
      t.same([wide.statusCode, wide.json().error], [400, 'invalid_scope'], scope)
    }
  })

  t.test('every policy whose source scope the token holds adds its target scopes', async (t) => {
    await addPolicy(app, { client_id: service.client_id, source_api: RESOURCE, source_scope: 'ships:read', target_api: BILLING, target_scope: 'fleet:read' })
    const both = await exchange(app, service, { subject_token: (await userTokens('calls ships:read')).access_token, audience: BILLING })
    t.equal(both.json().scope, 'invoices:read invoices:write fleet:read')
    const callsOnly = await exchange(app, service, { subject_token: (await userTokens('calls')).access_token, audience: BILLING })
    t.equal(callsOnly.json().scope, 'invoices:read invoices:write')
  })

  t.test('token types: an access token in, an access token out', async (t) => {
    const subject = (await userTokens()).access_token
    const cases: Array<[Record<string, string>, string]> = [
      [{ subject_token_type: 'urn:ietf:params:oauth:token-type:jwt' }, 'subject_token_type must be urn:ietf:params:oauth:token-type:access_token'],
      [{ subject_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' }, 'subject_token_type must be urn:ietf:params:oauth:token-type:access_token'],
      [{ subject_token_type: '' }, 'subject_token_type must be urn:ietf:params:oauth:token-type:access_token'],
      [{ requested_token_type: 'urn:ietf:params:oauth:token-type:id_token' }, 'requested_token_type may only be urn:ietf:params:oauth:token-type:access_token']
    ]
    for (const [params, description] of cases) {
      const response = await exchange(app, service, { subject_token: subject, audience: BILLING, ...params })
      t.same([response.statusCode, response.json()], [400, { error: 'invalid_request', error_description: description }], JSON.stringify(params))
    }
    const asked = await exchange(app, service, { subject_token: subject, audience: BILLING, requested_token_type: ACCESS_TOKEN_TYPE })
    t.equal(asked.statusCode, 200)
    const missing = await exchange(app, service, { audience: BILLING })
    t.same([missing.statusCode, missing.json().error], [400, 'invalid_request'])
  })

  t.test('discovery lists the grant', async (t) => {
    const metadata = (await app.inject('/.well-known/oauth-authorization-server')).json()
    t.ok(metadata.grant_types_supported.includes(TOKEN_EXCHANGE_GRANT))
  })
})
