// OpenID Connect client metadata: its defaults, kept as registered through the admin API and dynamic registration,
// the response types that go with the implicit grant, and no id_token signing algorithm but RS256 and ES256.
import t from 'tap'
import { adminHeaders, build } from '../helper.js'

const DEFAULTS = {
  id_token_signed_response_alg: 'RS256',
  post_logout_redirect_uris: [],
  backchannel_logout_session_required: false
}
const OPENID = {
  id_token_signed_response_alg: 'ES256',
  post_logout_redirect_uris: ['https://rp.example/', 'https://rp.example/signed-out?from=op'],
  backchannel_logout_uri: 'https://rp.example/backchannel-logout',
  backchannel_logout_session_required: true
}
const WEB = { client_name: 'rp', grant_types: ['authorization_code'], redirect_uris: ['https://rp.example/callback'], scope: 'openid email' }

t.test('OpenID Connect client metadata', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true' })
  const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: adminHeaders, ...(payload && { payload }) })
  const register = (payload: object) => app.inject({ method: 'POST', url: '/register', payload })

  t.test('a client that registers none gets the defaults, shown by the admin API and dynamic registration', async (t) => {
    const created = await admin('POST', '/admin/clients', WEB)
    t.equal(created.statusCode, 201)
    t.match(created.json(), DEFAULTS)
    t.notOk('backchannel_logout_uri' in created.json(), 'no back-channel logout URI')
    const read = (await admin('GET', `/admin/clients/${created.json().client_id}`)).json()
    t.match(read, DEFAULTS)
    t.notOk('backchannel_logout_uri' in read)

    const registered = await register(WEB)
    t.equal(registered.statusCode, 201)
    t.match(registered.json(), DEFAULTS)
    t.notOk('backchannel_logout_uri' in registered.json())
  })

  t.test('each field is kept through POST, GET and PUT', async (t) => {
    const created = await admin('POST', '/admin/clients', { ...WEB, ...OPENID })
    t.equal(created.statusCode, 201)
    t.match(created.json(), OPENID)
    const url = `/admin/clients/${created.json().client_id}`
    t.match((await admin('GET', url)).json(), OPENID)

    const changed = {
      id_token_signed_response_alg: 'RS256',
      post_logout_redirect_uris: ['http://127.0.0.1:8080/'],
      backchannel_logout_uri: 'http://127.0.0.1:8080/backchannel-logout',
      backchannel_logout_session_required: false
    }
    const replaced = await admin('PUT', url, { ...WEB, ...changed })
    t.equal(replaced.statusCode, 200)
    t.match(replaced.json(), changed)
    t.match((await admin('GET', url)).json(), changed)
  })

  t.test('dynamic registration accepts all four: they are ordinary client metadata', async (t) => {
    const registered = await register({ ...WEB, ...OPENID })
    t.equal(registered.statusCode, 201)
    t.match(registered.json(), OPENID)
    t.match((await admin('GET', `/admin/clients/${registered.json().client_id}`)).json(), OPENID)
  })

  t.test('a PUT that leaves them out puts the defaults back', async (t) => {
    const created = await admin('POST', '/admin/clients', { ...WEB, ...OPENID })
    const url = `/admin/clients/${created.json().client_id}`
    const replaced = await admin('PUT', url, WEB)
    t.equal(replaced.statusCode, 200)
    t.match(replaced.json(), DEFAULTS)
    const read = (await admin('GET', url)).json()
    t.same(read.post_logout_redirect_uris, [], 'post-logout redirect URIs cleared')
    t.notOk('backchannel_logout_uri' in read, 'back-channel logout URI cleared')
  })

  t.test('repeated post-logout redirect URIs are kept once', async (t) => {
    const created = await admin('POST', '/admin/clients', { ...WEB, post_logout_redirect_uris: ['https://rp.example/', 'https://rp.example/'] })
    t.same(created.json().post_logout_redirect_uris, ['https://rp.example/'])
  })

  t.test('id_token response types only with the implicit grant, which only an administrator gives', async (t) => {
    const implicit = { client_name: 'spa', grant_types: ['implicit'], redirect_uris: ['https://spa.example/cb'], token_endpoint_auth_method: 'none' }
    for (const responseTypes of [['id_token'], ['id_token token'], ['token', 'id_token', 'id_token token']]) {
      const created = await admin('POST', '/admin/clients', { ...implicit, response_types: responseTypes })
      t.equal(created.statusCode, 201, responseTypes.join(', '))
      t.same(created.json().response_types, responseTypes)
    }
    const refused: Array<[string, object]> = [
      ['id_token without the implicit grant', { ...WEB, response_types: ['code', 'id_token'] }],
      ['id_token token without the implicit grant', { ...WEB, response_types: ['code', 'id_token token'] }],
      ['the implicit grant with code alone', { ...implicit, grant_types: ['implicit', 'authorization_code'], response_types: ['code'] }],
      ['the implicit grant with no response type', { ...implicit, response_types: [] }]
    ]
    for (const [what, metadata] of refused) {
      const response = await admin('POST', '/admin/clients', metadata)
      t.equal(response.statusCode, 400, what)
      t.equal(response.json().error, 'invalid_client_metadata', what)
    }
    const dynamic = await register({ ...implicit, response_types: ['id_token'] })
    t.equal(dynamic.statusCode, 400)
    t.equal(dynamic.json().error, 'invalid_client_metadata', 'the implicit grant is not for dynamic registration')
  })

  t.test('no id_token signing algorithm but RS256 and ES256: none and HS256 are refused', async (t) => {
    for (const alg of ['none', 'HS256', 'rs256', '']) {
      const registered = await register({ ...WEB, id_token_signed_response_alg: alg })
      t.equal(registered.statusCode, 400, `/register ${alg}`)
      t.equal(registered.json().error, 'invalid_client_metadata', `/register ${alg}: RFC 7591 §3.2.2`)
      t.match(registered.json().error_description, /id_token_signed_response_alg/)

      const created = await admin('POST', '/admin/clients', { ...WEB, id_token_signed_response_alg: alg })
      t.equal(created.statusCode, 400, `admin API ${alg}`)
      t.match(created.json(), { error: String, error_description: /id_token_signed_response_alg/ })
    }
  })
})
