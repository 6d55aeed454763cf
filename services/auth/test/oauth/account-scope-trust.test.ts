// The `account` scope changes and deletes accounts: only a client an administrator made first-party gets it, only
// for a user, by any grant. Trust is the administrator's alone: registration ignores it, the admin API refuses a
// property it does not know rather than drop a misspelt setting.
import t, { type Test } from 'tap'
import type { ClientWithSecret } from '@keyhold/contracts'
import { authorizeUrl, Browser, codeFor, createWebClient, REDIRECT_URI, redeem, signUp } from '../browser.js'
import { adminHeaders, basic, build, clientCredentialsToken, createClient, postForm, storeAsBeforeClientTrust, RESOURCE_AUDIENCE } from '../helper.js'

t.test('the account scope and client trust', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const user = await signUp(app)
  const auth = (client: ClientWithSecret) => ({ authorization: basic(client.client_id, client.client_secret!) })
  const token = (client: ClientWithSecret, fields: Record<string, string>) => postForm(app, '/token', fields, auth(client))
  const password = (client: ClientWithSecret, scope?: string) =>
    token(client, { grant_type: 'password', username: user.username, password: user.password, ...(scope && { scope }) })
  const refresh = (client: ClientWithSecret, refreshToken: string, scope?: string) =>
    token(client, { grant_type: 'refresh_token', refresh_token: refreshToken, ...(scope && { scope }) })
  const authorizeError = async (client: ClientWithSecret, scope: string) => new URL((await app.inject({
    method: 'GET', url: authorizeUrl({ client_id: client.client_id, redirect_uri: REDIRECT_URI, response_type: 'code', scope })
  })).headers.location!).searchParams.get('error')
  const register = (metadata: object) => app.inject({ method: 'POST', url: '/register', payload: { client_name: 'registered', redirect_uris: [REDIRECT_URI], ...metadata } })
  const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers: adminHeaders, ...(payload && { payload }) })
  const trusting = ['password', 'refresh_token', 'client_credentials', 'authorization_code'] as const
  const invalidScope = async (t: Test, pending: ReturnType<typeof token>, what: string) => {
    const response = await pending
    t.equal(response.statusCode, 400, what)
    t.equal(response.json().error, 'invalid_scope', what)
  }

  t.test('only a first-party client may be registered with the account scope', async (t) => {
    for (const trust of [{}, { first_party: false }]) {
      const response = await admin('POST', '/admin/clients', { client_name: 'app', grant_types: ['password'], scope: 'account', ...trust })
      t.equal(response.statusCode, 400)
      t.equal(response.json().error, 'invalid_client_metadata')
    }
    const registered = await register({ scope: 'account ships:read', first_party: true })
    t.equal(registered.statusCode, 400)
    t.equal(registered.json().error, 'invalid_client_metadata')
  })

  t.test('a client without first_party gets account by no grant', async (t) => {
    const plain = await createWebClient(app, { grant_types: [...trusting], scope: 'ships:read users:read' })
    const registered: ClientWithSecret = (await register({ grant_types: ['authorization_code', 'refresh_token'], scope: 'ships:read' })).json()
    await invalidScope(t, password(plain, 'account'), 'password grant')
    await invalidScope(t, token(plain, { grant_type: 'client_credentials', scope: 'account' }), 'client credentials')
    t.equal(await authorizeError(plain, 'account'), 'invalid_scope', 'code flow')
    t.equal(await authorizeError(registered, 'account ships:read'), 'invalid_scope', 'code flow of a registered client')
    await invalidScope(t, refresh(plain, (await password(plain)).json().refresh_token, 'account'), 'refresh')
    const { code, verifier } = await codeFor(new Browser(app), user, registered)
    const tokens = (await redeem(app, registered, { code, code_verifier: verifier })).json()
    await invalidScope(t, refresh(registered, tokens.refresh_token, 'account'), 'refresh of a registered client')
  })

  t.test('a first-party client gets account for a user, never through client_credentials', async (t) => {
    const firstParty = await createClient(app, { client_name: 'app', grant_types: ['password', 'client_credentials', 'refresh_token'], scope: 'account ships:read', first_party: true })
    const granted = (await password(firstParty, 'account')).json()
    t.equal(granted.scope, 'account')
    t.equal((await refresh(firstParty, granted.refresh_token)).json().scope, 'account', 'and keeps it through a refresh')
    await invalidScope(t, token(firstParty, { grant_type: 'client_credentials', scope: 'account' }), 'client credentials')
    t.equal((await token(firstParty, { grant_type: 'client_credentials' })).json().scope, 'ships:read', 'all it may have, account left out')
  })

  t.test('a client stored with the account scope before client trust existed gets it by no grant', async (t) => {
    const client = await createWebClient(app, { grant_types: [...trusting], scope: 'account ships:read', first_party: true })
    const before = (await password(client)).json()
    t.equal(before.scope, 'account ships:read')
    await storeAsBeforeClientTrust(app, client.client_id)

    t.equal((await password(client)).json().scope, 'ships:read', 'password grant, nothing asked: account left out')
    await invalidScope(t, password(client, 'account'), 'password grant')
    await invalidScope(t, token(client, { grant_type: 'client_credentials', scope: 'account' }), 'client credentials')
    t.equal(await authorizeError(client, 'account'), 'invalid_scope', 'code flow')
    const refreshed = (await refresh(client, before.refresh_token)).json()
    t.equal(refreshed.scope, 'ships:read', 'a refresh of a grant that held account leaves it out')
    const me = await app.inject({ method: 'GET', url: '/api/users/me', headers: { authorization: `Bearer ${refreshed.access_token}` } })
    t.equal(me.statusCode, 401, 'and the account API refuses the new access token')
  })

  t.test('/register ignores first_party and introspection_audiences (RFC 7591 §2)', async (t) => {
    const response = await register({ scope: 'ships:read', first_party: true, introspection_audiences: [RESOURCE_AUDIENCE, app.config.issuer] })
    t.equal(response.statusCode, 201)
    const registered: ClientWithSecret = response.json()
    t.notOk('first_party' in registered || 'introspection_audiences' in registered, 'not part of the registration response')
    const adminView = (await admin('GET', `/admin/clients/${registered.client_id}`)).json()
    t.match(adminView, { first_party: false })
    t.notOk('introspection_audiences' in adminView, 'no client attribute says what it may introspect: the APIs do')
    const service = await createClient(app)
    const introspected = await postForm(app, '/introspect', { token: await clientCredentialsToken(app, service) }, auth(registered))
    t.equal(introspected.body, '{"active":false}', 'it may introspect nothing')
  })

  t.test('the admin API refuses unknown properties with 400, naming no value, and changes nothing', async (t) => {
    const existing = await createClient(app)
    const misspelt = [{ frist_party: true }, { introspection_audience: ['https://api.example'] }, { 'first_party ': true },
      { introspection_audiences: ['https://api.example'] }]
    for (const extra of misspelt) {
      for (const [method, url] of [['POST', '/admin/clients'], ['PUT', `/admin/clients/${existing.client_id}`]] as const) {
        const response = await admin(method, url, { client_name: 'misspelt', grant_types: ['client_credentials'], ...extra })
        t.equal(response.statusCode, 400, `${method} ${JSON.stringify(extra)}`)
        t.equal(response.json().error, 'invalid_request')
        const [name, value] = Object.entries(extra)[0]!
        t.notOk(response.json().error_description.includes(name.trim()) || response.json().error_description.includes(String(value)), 'neither name nor value repeated')
      }
    }
    t.equal((await admin('GET', `/admin/clients/${existing.client_id}`)).json().client_name, existing.client_name, 'the client is unchanged')
    const listed = (await admin('GET', '/admin/clients?limit=100')).json().clients as Array<{ client_name: string }>
    t.notOk(listed.some((client) => client.client_name === 'misspelt'), 'no client was created')
  })
})
