import { createPublicKey, verify, type JsonWebKey } from 'node:crypto'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { adminHeaders, basic, clientCredentialsToken, createClient, decodeJwt, isolatedConfig, postForm, RESOURCE_AUDIENCE } from '../helper.js'

interface Jwk extends JsonWebKey { kid: string }

function verifiesWith (keys: Jwk[], token: string): boolean {
  const { header } = decodeJwt(token)
  const jwk = keys.find((key) => key.kid === header.kid)
  if (!jwk) return false
  const [head, payload, signature] = token.split('.') as [string, string, string]
  return verify('sha256', Buffer.from(`${head}.${payload}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'))
}

t.test('access tokens are RFC 9068 JWTs that verify against /jwks.json', async (t) => {
  const config = await isolatedConfig(t)
  const app = await buildApp(config)
  t.teardown(() => app.close())
  const client = await createClient(app)
  const token = await clientCredentialsToken(app, client, 'ships:read')
  const { header, payload } = decodeJwt(token)
  t.match(header, { alg: 'ES256', typ: 'at+jwt', kid: String })
  t.match(payload, { iss: config.issuer, sub: client.client_id, aud: RESOURCE_AUDIENCE, client_id: client.client_id, scope: 'ships:read', jti: String })
  t.equal((payload.exp as number) - (payload.iat as number), 3600)

  const jwks = await app.inject('/jwks.json')
  t.equal(jwks.statusCode, 200)
  const { keys } = jwks.json() as { keys: Jwk[] }
  for (const key of keys) {
    const members = key.kty === 'RSA' ? ['alg', 'e', 'kid', 'kty', 'n', 'use'] : ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']
    t.same(Object.keys(key).sort(), members, 'public parts only')
  }
  t.same(keys.map((key) => key.alg), ['ES256'], 'the RS256 key is made when an id_token first needs it')
  const { kid: rsaKid } = await app.signing.signer('RS256')
  const withRsa = (await app.inject('/jwks.json')).json() as { keys: Jwk[] }
  t.same(withRsa.keys.map((key) => [key.alg, key.kid]).sort(), [['ES256', header.kid], ['RS256', rsaKid]], 'then published at once')
  t.same(Object.keys(withRsa.keys.find((key) => key.alg === 'RS256')!).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use'], 'public parts only')
  t.ok(verifiesWith(keys, token))
  const tampered = token.replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ ...payload, scope: 'ships:write' })).toString('base64url')}.`)
  t.notOk(verifiesWith(keys, tampered))
})

t.test('the key is generated once and kept across restarts; its private part is sealed at rest', async (t) => {
  const config = await isolatedConfig(t)
  const first = await buildApp(config)
  const kid = first.signing.kid
  const row = await first.db.selectFrom('signing_keys').selectAll().executeTakeFirstOrThrow()
  t.notMatch(JSON.stringify(row), /PRIVATE KEY/)
  await first.close()
  const second = await buildApp(config)
  t.teardown(() => second.close())
  t.equal(second.signing.kid, kid)
})

t.test('an RS256 key is rotated on its own: the ES256 key that signs access tokens stays', async (t) => {
  const config = await isolatedConfig(t)
  const app = await buildApp(config)
  t.teardown(() => app.close())
  const accessTokenKid = app.signing.kid
  const rsaKid = (await app.signing.signer('RS256')).kid
  const rotated = await app.inject({ method: 'POST', url: '/admin/keys?alg=RS256', headers: adminHeaders })
  t.equal(rotated.statusCode, 201)
  t.match(rotated.json(), { alg: 'RS256', signing: false, rotated_at: null })
  const listing = (await app.inject({ url: '/admin/keys', headers: adminHeaders })).json().keys as Array<{ kid: string, alg: string, rotated_at: string | null, signing: boolean }>
  t.match(listing.find((key) => key.kid === rsaKid), { alg: 'RS256', signing: true, rotated_at: String }, 'the old RS256 key still signs until the new one is active')
  t.match(listing.find((key) => key.kid === accessTokenKid), { alg: 'ES256', signing: true, rotated_at: null }, 'the ES256 key is untouched')
  const unknown = await app.inject({ method: 'POST', url: '/admin/keys?alg=HS256', headers: adminHeaders })
  t.equal(unknown.statusCode, 400)
})

t.test('instances that need an RS256 key at once agree on one', async (t) => {
  const config = await isolatedConfig(t)
  const apps = await Promise.all([buildApp(config), buildApp(config)])
  t.teardown(() => Promise.all(apps.map((app) => app.close())))
  const kids = await Promise.all(apps.map(async (app) => (await app.signing.signer('RS256')).kid))
  t.equal(kids[0], kids[1])
  const published = (await apps[0]!.signing.keys()).filter((key) => key.alg === 'RS256')
  t.same(published.map((key) => key.kid), [kids[0]], 'one RS256 key, not rotated')
})
