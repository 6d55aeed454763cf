// Real requests to /token, /revoke and /userinfo: a page may read the answer, error or not, only from an origin the
// calling client registered; from anywhere else the request is served as before, but unreadable.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ClientWithSecret } from '@keyhold/contracts'
import { Browser, codeFor, signUp } from '../browser.js'
import { basic, build, createClient, postForm } from '../helper.js'
import { corsHeaders, createOtherSpa, createSpa, OTHER_ORIGIN, SPA_ORIGIN, SPA_REDIRECT } from './support.js'

async function spaCode (app: FastifyInstance, spa: ClientWithSecret) {
  return codeFor(new Browser(app), await signUp(app), spa, { redirect_uri: SPA_REDIRECT, scope: 'openid ships:read' })
}

const redeem = (app: FastifyInstance, spa: ClientWithSecret, code: string, verifier: string, origin?: string) =>
  postForm(app, '/token', { grant_type: 'authorization_code', client_id: spa.client_id, code, code_verifier: verifier, redirect_uri: SPA_REDIRECT },
    origin === undefined ? {} : { origin })

t.test('a single-page app redeems its code from its origin and reads the answer, and its errors', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app)
  const { code, verifier } = await spaCode(app, spa)

  const tokens = await redeem(app, spa, code, verifier, SPA_ORIGIN)
  t.equal(tokens.statusCode, 200)
  t.same(corsHeaders(tokens), { 'access-control-allow-origin': SPA_ORIGIN, vary: 'Origin' }, 'no credentials, nothing else')
  t.equal(tokens.headers['cache-control'], 'no-store', 'still uncacheable')

  const { access_token: accessToken, refresh_token: refreshToken } = tokens.json()
  const userinfo = await app.inject({ url: '/userinfo', headers: { authorization: `Bearer ${accessToken}`, origin: SPA_ORIGIN } })
  t.equal(userinfo.statusCode, 200)
  t.equal(userinfo.headers['access-control-allow-origin'], SPA_ORIGIN, 'userinfo, by the token\'s client')
  const posted = await app.inject({ method: 'POST', url: '/userinfo', headers: { authorization: `Bearer ${accessToken}`, origin: SPA_ORIGIN } })
  t.equal(posted.headers['access-control-allow-origin'], SPA_ORIGIN, 'by POST too')

  const revoked = await postForm(app, '/revoke', { token: refreshToken, client_id: spa.client_id }, { origin: SPA_ORIGIN })
  t.equal(revoked.statusCode, 200)
  t.same(corsHeaders(revoked), { 'access-control-allow-origin': SPA_ORIGIN, vary: 'Origin' }, 'revocation, with its empty answer')
  const gone = await app.inject({ url: '/userinfo', headers: { authorization: `Bearer ${accessToken}`, origin: SPA_ORIGIN } })
  t.equal(gone.statusCode, 401)
  t.same(corsHeaders(gone), { vary: 'Origin' }, 'a token no longer active names no client')

  const replay = await redeem(app, spa, code, verifier, SPA_ORIGIN)
  t.equal(replay.statusCode, 400)
  t.equal(replay.json().error, 'invalid_grant')
  t.same(corsHeaders(replay), { 'access-control-allow-origin': SPA_ORIGIN, vary: 'Origin' }, 'its own error is readable')
})

t.test('from another client\'s origin, or an unknown one, the request is served but unreadable', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app)
  await createOtherSpa(app)
  for (const origin of [OTHER_ORIGIN, 'https://unknown.example', 'null']) {
    const { code, verifier } = await spaCode(app, spa)
    const tokens = await redeem(app, spa, code, verifier, origin)
    t.equal(tokens.statusCode, 200, `${origin}: the code is redeemed as before`)
    t.same(corsHeaders(tokens), { vary: 'Origin' }, `${origin}: no Access-Control-Allow-Origin`)
    const userinfo = await app.inject({ url: '/userinfo', headers: { authorization: `Bearer ${tokens.json().access_token}`, origin } })
    t.equal(userinfo.statusCode, 200)
    t.same(corsHeaders(userinfo), { vary: 'Origin' }, `${origin}: nor from userinfo`)
    const error = await redeem(app, spa, code, verifier, origin)
    t.equal(error.statusCode, 400)
    t.same(corsHeaders(error), { vary: 'Origin' }, `${origin}: nor on an error`)
  }
})

t.test('with no client identified, no page reads the answer', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app)
  const origin = { origin: SPA_ORIGIN }
  const answers = {
    'no client named': await postForm(app, '/token', { grant_type: 'authorization_code', code: 'x', redirect_uri: SPA_REDIRECT }, origin),
    'an unknown client': await postForm(app, '/token', { grant_type: 'authorization_code', client_id: 'nobody', code: 'x' }, origin),
    'an unsupported grant, refused before the client': await postForm(app, '/token', { grant_type: 'urn:example:nothing', client_id: spa.client_id }, origin),
    'a repeated parameter': await app.inject({ method: 'POST', url: '/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin }, payload: `client_id=${spa.client_id}&client_id=${spa.client_id}` }),
    'userinfo without a token': await app.inject({ url: '/userinfo', headers: origin }),
    'userinfo with an unknown token': await app.inject({ url: '/userinfo', headers: { authorization: 'Bearer nonsense', ...origin } })
  }
  for (const [what, response] of Object.entries(answers)) {
    t.ok(response.statusCode >= 400, what)
    t.same(corsHeaders(response), { vary: 'Origin' }, what)
  }

  const publicRefused = await postForm(app, '/token', { grant_type: 'authorization_code', client_id: spa.client_id, code: 'x', redirect_uri: SPA_REDIRECT }, origin)
  t.equal(publicRefused.json().error, 'invalid_grant')
  t.equal(publicRefused.headers['access-control-allow-origin'], SPA_ORIGIN, 'a public client that named itself is known')
})

t.test('a confidential client is the caller only once its secret proves it', async (t) => {
  const app = await build(t)
  const web = await createClient(app, { grant_types: ['client_credentials'], redirect_uris: [SPA_REDIRECT] })
  const token = (secret: string) => postForm(app, '/token', { grant_type: 'client_credentials' }, { authorization: basic(web.client_id, secret), origin: SPA_ORIGIN })
  const wrong = await token('wrong')
  t.equal(wrong.statusCode, 401)
  t.same(corsHeaders(wrong), { vary: 'Origin' }, 'a wrong secret identifies no one')
  const right = await token(web.client_secret!)
  t.equal(right.statusCode, 200)
  t.equal(right.headers['access-control-allow-origin'], SPA_ORIGIN)
})

t.test('a response never says Origin does not matter, nor allows credentials', async (t) => {
  const app = await build(t)
  const spa = await createSpa(app)
  const response = await postForm(app, '/token', { grant_type: 'authorization_code', client_id: spa.client_id, code: 'x', redirect_uri: SPA_REDIRECT })
  t.equal(response.headers.vary, 'Origin', 'Vary: Origin without an Origin too: the answer depends on it')
  t.notOk(response.headers['access-control-allow-origin'])
  t.notOk(response.headers['access-control-allow-credentials'])
})
