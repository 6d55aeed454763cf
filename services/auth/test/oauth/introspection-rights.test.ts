// Who may introspect what (RFC 7662 §2.1, §4): an access token is described to its own client and to clients an
// administrator allowed one of its audiences; a refresh token only to its own client. Everyone else is told exactly
// {"active":false}, the same answer as for a token that never existed.
import t from 'tap'
import type { ClientWithSecret } from '@keyhold/contracts'
import { createWebClient, signUp } from '../browser.js'
import { basic, build, clientCredentialsToken, createClient, postForm, RESOURCE_AUDIENCE } from '../helper.js'

const INACTIVE = '{"active":false}'

t.test('introspection rights', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const { issuer } = app.config
  const audience = RESOURCE_AUDIENCE
  const introspect = (caller: ClientWithSecret, token: string) =>
    postForm(app, '/introspect', { token }, { authorization: basic(caller.client_id, caller.client_secret!) })

  const owner = await createClient(app, { client_name: 'app', grant_types: ['password', 'refresh_token', 'client_credentials'], scope: 'ships:read users:read' })
  const resourceServer = await createClient(app, { client_name: 'resource server', introspects: [audience] })
  const trustedEverywhere = await createClient(app, { client_name: 'resource and identity', introspects: [audience, issuer] })
  const otherApi = await createClient(app, { client_name: 'another API', introspects: ['https://other-api.example'] })
  const ordinary = await createClient(app, { client_name: 'ordinary' })
  const codeOnly = await createWebClient(app, { grant_types: ['authorization_code'] })
  const registered: ClientWithSecret = (await app.inject({
    method: 'POST', url: '/register', payload: { client_name: 'registered', redirect_uris: ['https://registered.example/cb'] }
  })).json()
  t.same(registered.grant_types, ['authorization_code'], 'registered for authorization_code alone')

  const user = await signUp(app)
  const userTokens = (await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password, scope: 'ships:read' },
    { authorization: basic(owner.client_id, owner.client_secret!) })).json()
  const tokens = {
    "a user's access token": userTokens.access_token as string,
    'a client-credentials access token': await clientCredentialsToken(app, owner, 'ships:read')
  }

  for (const [kind, token] of Object.entries(tokens)) {
    t.test(`${kind} for the resource service`, async (t) => {
      for (const [who, caller] of [['its own client', owner], ['a client allowed its audience', resourceServer], ['a client allowed several audiences, its among them', trustedEverywhere]] as const) {
        const response = await introspect(caller, token)
        t.equal(response.statusCode, 200)
        t.match(response.json(), { active: true, token_type: 'Bearer', client_id: owner.client_id, aud: audience, scope: 'ships:read' }, who)
      }
      for (const [who, caller] of [['a client allowed another audience', otherApi], ['an ordinary client', ordinary],
        ['a client of the authorization_code grant alone', codeOnly], ['a dynamically registered client', registered]] as const) {
        const response = await introspect(caller, token)
        t.equal(response.statusCode, 200)
        t.equal(response.body, INACTIVE, who)
      }
    })
  }

  t.test('a token for the identity service alone is not shown to a client allowed only the resource audience', async (t) => {
    const token = await clientCredentialsToken(app, owner, 'users:read')
    t.equal((await introspect(resourceServer, token)).body, INACTIVE)
    t.match((await introspect(trustedEverywhere, token)).json(), { active: true, aud: issuer })
    t.match((await introspect(owner, token)).json(), { active: true, aud: issuer })
  })

  t.test("a refresh token is described to its own client alone, even against clients trusted with every audience", async (t) => {
    const own = await introspect(owner, userTokens.refresh_token)
    t.match(own.json(), { active: true, token_type: 'refresh_token', client_id: owner.client_id, sub: user.id, scope: 'ships:read' })
    for (const caller of [trustedEverywhere, resourceServer, ordinary, codeOnly, registered]) {
      const response = await introspect(caller, userTokens.refresh_token)
      t.equal(response.statusCode, 200)
      t.equal(response.body, INACTIVE, caller.client_name)
    }
    t.equal((await introspect(owner, userTokens.refresh_token)).json().active, true, 'asking about it changed nothing')
  })
})
