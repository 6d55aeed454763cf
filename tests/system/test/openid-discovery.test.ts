// OpenID Connect Discovery as a certified relying party reads it: openid-client discovers the identity service, the
// OpenID and RFC 8414 documents agree, and every endpoint the document names is really served.
import t from 'tap'
import { oidc, rejection, relyingParty } from './openid.js'
import { startSystem } from './system.js'

t.test('openid-client discovers the identity service, and every advertised endpoint answers', async (t) => {
  const system = await startSystem(t)
  const { config } = await relyingParty(system)
  const metadata = config.serverMetadata()
  t.equal(metadata.issuer, system.auth, 'the library accepted the document for this issuer')

  t.test('the OpenID document and the RFC 8414 one are the same document', async (t) => {
    const openid = await fetch(`${system.auth}/.well-known/openid-configuration`)
    const oauth = await fetch(`${system.auth}/.well-known/oauth-authorization-server`)
    t.equal(openid.status, 200)
    t.match(openid.headers.get('content-type'), /^application\/json/)
    t.same(await openid.json(), await oauth.json())
  })

  t.test('it offers what OpenID relying parties rely on', async (t) => {
    const includes = (list: unknown, wanted: string[], what: string) =>
      t.same(wanted.filter((value) => !(list as string[] | undefined ?? []).includes(value)), [], `${what} include ${wanted.join(', ')}`)
    includes(metadata.id_token_signing_alg_values_supported, ['RS256', 'ES256'], 'id_token algorithms')
    includes(metadata.response_modes_supported, ['query', 'form_post'], 'response modes')
    includes(metadata.response_types_supported, ['code'], 'response types')
    includes(metadata.scopes_supported, ['openid', 'profile', 'email', 'offline_access'], 'scopes')
    includes(metadata.claims_supported, ['sub', 'auth_time', 'nonce', 'amr', 'sid', 'at_hash', 'email', 'name'], 'claims')
    includes(metadata.prompt_values_supported, ['none', 'login', 'consent'], 'prompt values')
    t.same(metadata.code_challenge_methods_supported, ['S256'])
    t.equal(metadata.authorization_response_iss_parameter_supported, true)
  })

  t.test('every endpoint the document names is served (none answers 404)', async (t) => {
    const endpoints = Object.entries(metadata)
      .filter(([name, value]) => (name.endsWith('_endpoint') || name === 'jwks_uri') && typeof value === 'string')
    t.ok(endpoints.length >= 8, `${endpoints.length} endpoints advertised`)
    for (const [name, url] of endpoints as Array<[string, string]>) {
      t.equal(new URL(url).origin, system.auth, `${name} is on the issuer's origin`)
      const response = await fetch(url, { redirect: 'manual' })
      await response.arrayBuffer()
      t.not(response.status, 404, `${name} answers GET ${new URL(url).pathname} with ${response.status}`)
      t.ok(response.status < 500, `${name} does not fail`)
    }
  })

  t.test('the key set holds public keys only, each with a kid and an algorithm the document advertises', async (t) => {
    const jwks = await (await fetch(metadata.jwks_uri!)).json() as { keys: Array<{ kid?: string, alg?: string, d?: string, p?: string }> }
    t.ok(jwks.keys.length > 0)
    for (const key of jwks.keys) {
      t.match(key, { kid: String, alg: /^(RS256|ES256)$/ })
      t.equal(key.d ?? key.p, undefined, `${key.kid} carries no private part`)
    }
  })

  t.test('a document discovered at another address than its issuer is refused by the library', async (t) => {
    const wrongIssuer = new URL(system.auth.replace('127.0.0.1', 'localhost'))
    const error = await rejection(oidc.discovery(wrongIssuer, 'any', undefined, undefined, { execute: [oidc.allowInsecureRequests] }))
    t.match(error, { code: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' }, 'a document naming another issuer than the one asked is refused')
  })
})
