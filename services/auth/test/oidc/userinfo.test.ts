// /userinfo (OpenID Connect Core §5.3): the claims the token's scopes release, and RFC 6750 answers to everything else.
import t from 'tap'
import { basic, build, clientCredentialsToken, createClient, form, FORM, postForm } from '../helper.js'
import { codeFlowTokens, createOidcClient, userWithBrowser } from './support.js'

t.test('userinfo releases what the scopes allow, to a token for this issuer that holds openid', async (t) => {
  const app = await build(t)
  const client = await createOidcClient(app)
  const signed = await userWithBrowser(app)
  const update = await app.inject({
    method: 'PUT', url: `/api/users/${signed.user.id}`,
    headers: { authorization: `Bearer ${(await accountToken(app, signed.user))}` },
    payload: { email: 'Ada@Example.com', name: 'Ada Lovelace', given_name: 'Ada', current_password: signed.user.password }
  })
  t.equal(update.statusCode, 200, 'the user sets their claims through the account API')

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const { body: openidOnly } = await codeFlowTokens(app, signed, client, { scope: 'openid' })
  const bare = await app.inject({ url: '/userinfo', headers: bearer(openidOnly.access_token) })
  t.equal(bare.statusCode, 200)
  t.equal(bare.headers['cache-control'], 'no-store')
  t.same(bare.json(), { sub: signed.user.id }, 'openid alone releases only sub')

  const { body: full } = await codeFlowTokens(app, signed, client, { scope: 'openid profile email' })
  const everything = await app.inject({ url: '/userinfo', headers: bearer(full.access_token) })
  t.match(everything.json(), {
    sub: signed.user.id, name: 'Ada Lovelace', given_name: 'Ada', preferred_username: signed.user.username,
    email: 'Ada@Example.com', email_verified: false, updated_at: Number
  })
  t.notOk('family_name' in everything.json(), 'a claim without a value is left out')

  const { body: emailOnly } = await codeFlowTokens(app, signed, client, { scope: 'openid email' })
  t.same((await app.inject({ url: '/userinfo', headers: bearer(emailOnly.access_token) })).json(),
    { sub: signed.user.id, email: 'Ada@Example.com', email_verified: false })

  await t.test('POST with the token in the header or the form body, never both', async (t) => {
    const inHeader = await app.inject({ method: 'POST', url: '/userinfo', headers: bearer(emailOnly.access_token) })
    t.equal(inHeader.statusCode, 200)
    const inBody = await app.inject({ method: 'POST', url: '/userinfo', headers: FORM, payload: form({ access_token: emailOnly.access_token }) })
    t.equal(inBody.json().email, 'Ada@Example.com')
    const both = await app.inject({ method: 'POST', url: '/userinfo', headers: { ...FORM, ...bearer(emailOnly.access_token) }, payload: form({ access_token: emailOnly.access_token }) })
    t.equal(both.statusCode, 400)
    t.match(both.headers['www-authenticate'], /error="invalid_request"/)
    const inQuery = await app.inject({ url: `/userinfo?access_token=${emailOnly.access_token}` })
    t.equal(inQuery.statusCode, 401, 'never in the query string')
  })

  await t.test('RFC 6750 answers', async (t) => {
    const none = await app.inject({ url: '/userinfo' })
    t.equal(none.statusCode, 401)
    t.equal(none.headers['www-authenticate'], 'Bearer realm="userinfo"', 'no credentials: a challenge without an error code')
    const forged = await app.inject({ url: '/userinfo', headers: bearer(`${full.access_token.slice(0, -4)}AAAA`) })
    t.equal(forged.statusCode, 401)
    t.match(forged.headers['www-authenticate'], /error="invalid_token"/)

    const { body: apiOnly } = await codeFlowTokens(app, signed, client, { scope: 'ships:read' })
    const forAnotherApi = await app.inject({ url: '/userinfo', headers: bearer(apiOnly.access_token) })
    t.equal(forAnotherApi.statusCode, 401, 'a token for the resource service is not for userinfo')

    const service = await createClient(app, { scope: 'openid ships:read' })
    const ownToken = await clientCredentialsToken(app, service, 'openid')
    t.equal((await app.inject({ url: '/userinfo', headers: bearer(ownToken) })).statusCode, 401, 'a client’s own token names no user')

    await postForm(app, '/revoke', { token: full.refresh_token }, { authorization: basic(client.client_id, client.client_secret!) })
    const revoked = await app.inject({ url: '/userinfo', headers: bearer(full.access_token) })
    t.equal(revoked.statusCode, 401, 'revoking the grant ends userinfo too')
  })

  await t.test('a token without openid is insufficient_scope', async (t) => {
    const accountOnly = await accountToken(app, signed.user)
    const response = await app.inject({ url: '/userinfo', headers: bearer(accountOnly) })
    t.equal(response.statusCode, 403)
    t.match(response.headers['www-authenticate'], /error="insufficient_scope", error_description="[^"]+", scope="openid"/)
  })
})

/** A token with the account scope, from a first-party client by the password grant. */
async function accountToken (app: Awaited<ReturnType<typeof build>>, user: { username: string, password: string }): Promise<string> {
  const client = await createClient(app, { grant_types: ['password'], scope: 'account', first_party: true })
  const response = await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password, scope: 'account' },
    { authorization: basic(client.client_id, client.client_secret!) })
  return response.json().access_token
}
