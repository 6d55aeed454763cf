// error_description never repeats request input and keeps to RFC 6749's characters (§4.1.2.1, §5.2): hostile
// values in each parameter of each endpoint, answered in a JSON body, an error redirect or a WWW-Authenticate challenge.
import type { InjectOptions } from 'fastify'
import t from 'tap'
import { asHeaderValue, DESCRIPTION_CHARACTERS, echoProblems, hostileStrings } from '@keyhold/service-kit/testing'
import { OAuthError } from '../../src/errors.js'
import { authorizeUrl, createWebClient, REDIRECT_URI, signUp } from '../browser.js'
import { adminHeaders, basic, build, createClient, form, FORM, RESOURCE_AUDIENCE } from '../helper.js'

const VALUES = hostileStrings(40)
/** What every /authorize parameter may hold: longer ones fail the schema and are shown, not redirected. */
const AUTHORIZE_VALUES = VALUES.filter((value) => value.length <= 2000)
const shown = (value: string) => JSON.stringify(value.slice(0, 60))
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
const json = (url: string, payload: string | object, headers: Record<string, string> = {}): InjectOptions =>
  ({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload })

t.test('no endpoint repeats a hostile value in its error, and every description keeps to RFC 6749 characters', async (t) => {
  const app = await build(t, { DYNAMIC_REGISTRATION: 'true', CLIENT_AUTH_MAX_FAILURES: '1000000' })
  const web = await createWebClient(app)
  const service = await createClient(app)
  const resource = await createClient(app, { client_name: 'resource server', introspects: [RESOURCE_AUDIENCE] })
  const as = (client: { client_id: string, client_secret?: string }) => ({ authorization: basic(client.client_id, client.client_secret!) })
  const post = (url: string, params: Record<string, string>, headers: Record<string, string>): InjectOptions =>
    ({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: form(params) })
  const passwordClient = await createClient(app, { client_name: 'app', grant_types: ['password', 'refresh_token'], scope: 'ships:read' })
  const user = await signUp(app)
  const granted = await app.inject(post('/token', { grant_type: 'password', username: user.username, password: user.password }, as(passwordClient)))
  const refreshToken: string = granted.json().refresh_token
  const repeated = (name: string) => `${encodeURIComponent(name)}=1&${encodeURIComponent(name)}=2`
  const authorize = (params: Record<string, string>): InjectOptions =>
    ({ method: 'GET', url: authorizeUrl({ client_id: web.client_id, redirect_uri: REDIRECT_URI, response_type: 'code', code_challenge: CHALLENGE, code_challenge_method: 'S256', ...params }) })

  // Errors after the redirect URI is checked go back to the client: these must come as error redirects.
  const redirected: Record<string, (value: string) => InjectOptions> = {
    '/authorize response_type': (value) => authorize({ response_type: value }),
    '/authorize scope': (value) => authorize({ scope: value }),
    '/authorize code_challenge': (value) => authorize({ code_challenge: value }),
    '/authorize code_challenge_method': (value) => authorize({ code_challenge_method: value })
  }
  const answered: Record<string, (value: string) => InjectOptions> = {
    '/authorize client_id (error page)': (value) => authorize({ client_id: value }),
    '/authorize redirect_uri (error page)': (value) => authorize({ redirect_uri: value }),
    '/authorize request_uri (error page)': (value) => authorize({ request_uri: value }),
    '/authorize a repeated parameter (error page)': (value) => ({ method: 'GET', url: `/authorize?client_id=${web.client_id}&${repeated(value)}` }),
    '/token grant_type': (value) => post('/token', { grant_type: value }, as(service)),
    '/token scope': (value) => post('/token', { grant_type: 'client_credentials', scope: value }, as(service)),
    '/token code': (value) => post('/token', { grant_type: 'authorization_code', code: value, redirect_uri: REDIRECT_URI }, as(web)),
    '/token refresh_token': (value) => post('/token', { grant_type: 'refresh_token', refresh_token: value }, as(web)),
    '/token scope of a refresh': (value) => post('/token', { grant_type: 'refresh_token', refresh_token: refreshToken, scope: value }, as(passwordClient)),
    '/token client_id': (value) => post('/token', { grant_type: 'client_credentials', client_id: value }, {}),
    '/token Basic client id': (value) => post('/token', { grant_type: 'client_credentials' }, { authorization: basic(value, 'secret') }),
    '/token Authorization header': (value) => post('/token', { grant_type: 'client_credentials' }, { authorization: asHeaderValue(value) }),
    '/token content type': (value) => ({ method: 'POST', url: '/token', headers: { ...as(service), 'content-type': asHeaderValue(value) }, payload: 'grant_type=client_credentials' }),
    '/token a repeated parameter': (value) => ({ method: 'POST', url: '/token', headers: { ...FORM, ...as(service) }, payload: `grant_type=client_credentials&${repeated(value)}` }),
    '/par response_type': (value) => post('/par', { response_type: value, code_challenge: CHALLENGE, code_challenge_method: 'S256' }, as(web)),
    '/par scope': (value) => post('/par', { response_type: 'code', scope: value }, as(web)),
    '/par redirect_uri': (value) => post('/par', { response_type: 'code', redirect_uri: value }, as(web)),
    '/par code_challenge_method': (value) => post('/par', { response_type: 'code', code_challenge: CHALLENGE, code_challenge_method: value }, as(web)),
    '/par request_uri': (value) => post('/par', { response_type: 'code', request_uri: value }, as(web)),
    '/introspect token': (value) => post('/introspect', { token: value }, as(resource)),
    '/introspect token_type_hint': (value) => post('/introspect', { token: 'x', token_type_hint: value }, as(resource)),
    '/introspect client_id': (value) => post('/introspect', { token: 'x', client_id: value }, {}),
    '/revoke token': (value) => post('/revoke', { token: value }, as(service)),
    '/revoke token_type_hint': (value) => post('/revoke', { token: 'x', token_type_hint: value }, as(service)),
    '/revoke client_id': (value) => post('/revoke', { token: 'x', client_id: value }, {}),
    '/register redirect_uris': (value) => json('/register', { client_name: 'app', redirect_uris: [value] }),
    '/register grant_types': (value) => json('/register', { client_name: 'app', grant_types: [value] }),
    '/register scope': (value) => json('/register', { client_name: 'app', redirect_uris: [REDIRECT_URI], scope: value }),
    '/register token_endpoint_auth_method': (value) => json('/register', { client_name: 'app', redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: value }),
    '/register post_logout_redirect_uris': (value) => json('/register', { client_name: 'app', redirect_uris: [REDIRECT_URI], post_logout_redirect_uris: [value] }),
    '/register backchannel_logout_uri': (value) => json('/register', { client_name: 'app', redirect_uris: [REDIRECT_URI], backchannel_logout_uri: value }),
    '/register id_token_signed_response_alg': (value) => json('/register', { client_name: 'app', redirect_uris: [REDIRECT_URI], id_token_signed_response_alg: value }),
    '/register a body that is not JSON': (value) => json('/register', value),
    '/admin/clients an unknown property': (value) => json('/admin/clients', { client_name: 'app', [value]: true }, adminHeaders),
    '/admin/clients introspection_audiences': (value) => json('/admin/clients', { client_name: 'app', introspection_audiences: value }, adminHeaders),
    '/api/users/me Authorization header': (value) => ({ method: 'GET', url: '/api/users/me', headers: { authorization: `Bearer ${asHeaderValue(value)}` } }),
    'an unknown path': (value) => ({ method: 'GET', url: `/${encodeURIComponent(value)}` }),
    'a malformed URL': (value) => ({ method: 'GET', url: `/admin/clients/${encodeURIComponent(value)}%zz`, headers: adminHeaders })
  }

  for (const [name, request] of Object.entries(redirected)) {
    t.test(`${name}: an error redirect to the client`, async (t) => {
      for (const value of AUTHORIZE_VALUES) {
        const response = await app.inject(request(value))
        const location = new URL(response.headers.location ?? 'none:')
        if (`${location.origin}${location.pathname}` !== REDIRECT_URI || !location.searchParams.has('error')) {
          t.fail(`not an error redirect for ${shown(value)}: ${response.statusCode}`)
        }
        t.same(echoProblems(response), [], shown(value))
      }
    })
  }
  for (const [name, request] of Object.entries(answered)) {
    t.test(name, async (t) => {
      for (const value of VALUES) {
        const response = await app.inject(request(value))
        // A request the hostile value happens to make valid (a registered scope, say) is answered, not refused.
        if (response.statusCode >= 300) t.same(echoProblems(response), [], shown(value))
      }
    })
  }
})

t.test('response_type=x"y\\z é <b> is redirected as unsupported_response_type with a description naming no value', async (t) => {
  const app = await build(t)
  const web = await createWebClient(app)
  const response = await app.inject({ method: 'GET', url: authorizeUrl({ client_id: web.client_id, redirect_uri: REDIRECT_URI, response_type: 'x"y\\z é <b>', state: 's1' }) })
  t.equal(response.statusCode, 302)
  const location = new URL(response.headers.location!)
  t.equal(`${location.origin}${location.pathname}`, REDIRECT_URI)
  t.same(Object.fromEntries(location.searchParams), {
    error: 'unsupported_response_type', error_description: 'response_type must be code, token, id_token or id_token token', state: 's1', iss: app.config.issuer
  })
})

t.test('an OAuthError keeps its description within RFC 6749 characters, whatever it was given', async (t) => {
  const error = new OAuthError(400, 'invalid_request', 'bad "value" \\ é <b>\r\n😀')
  t.equal(error.description, "bad 'value' ? ? <b>????", 'CR, LF and each half of the emoji replaced')
  t.match(error.description, DESCRIPTION_CHARACTERS)
  t.equal(error.message, error.description, 'the logged message is the same text')
  t.equal(new OAuthError(400, 'invalid_request').description, undefined)
})
