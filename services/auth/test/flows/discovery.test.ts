import t from 'tap'
import { build } from '../helper.js'

t.test('metadata lists the browser flow exactly as served', async (t) => {
  const app = await build(t)
  const metadata = (await app.inject('/.well-known/oauth-authorization-server')).json()
  const { issuer } = app.config
  t.match(metadata, {
    authorization_endpoint: `${issuer}/authorize`,
    pushed_authorization_request_endpoint: `${issuer}/par`,
    authorization_response_iss_parameter_supported: true
  })
  t.same(metadata.code_challenge_methods_supported, ['S256'])
  t.same(metadata.response_types_supported, ['code', 'token', 'id_token', 'id_token token'])
  t.same([...metadata.grant_types_supported].sort(), ['authorization_code', 'client_credentials', 'implicit', 'password', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange'])
  t.ok(metadata.token_endpoint_auth_methods_supported.includes('none'), 'public clients redeem codes with PKCE')
  t.notOk(metadata.introspection_endpoint_auth_methods_supported.includes('none'))
})
