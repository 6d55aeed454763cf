// Each API's access-token lifetime: its tokens live that long, their records expire then, and signing keys stay
// published at least as long as the longest lifetime an API may set.
import t from 'tap'
import { build, clientCredentialsToken, createClient, decodeJwt, registerApi } from '../helper.js'
import { MAX_ACCESS_TOKEN_TTL } from '../../src/apis/api.js'
import { sha256 } from '../../src/crypto/hash.js'

t.test('per-API lifetimes', async (t) => {
  const app = await build(t, { ACCESS_TOKEN_TTL: '900' })
  await registerApi(app, { identifier: 'https://long.example', name: 'Long', scopes: [{ name: 'long:use', description: 'u' }], access_token_ttl: 86400 })
  await registerApi(app, { identifier: 'https://short.example', name: 'Short', scopes: [{ name: 'short:use', description: 'u' }], access_token_ttl: 60 })
  const client = await createClient(app, { scope: 'long:use short:use ships:read' })
  const lifetimeOf = (token: string) => { const { exp, iat } = decodeJwt(token).payload as { exp: number, iat: number }; return exp - iat }

  const long = await clientCredentialsToken(app, client, 'long:use')
  t.equal(lifetimeOf(long), 86400)
  const ttl = await app.redis!.ttl(`${app.config.redisPrefix}at:${sha256(long)}`)
  t.ok(ttl > 86000 && ttl <= 86400, 'the record lives as long as the token')
  t.equal(lifetimeOf(await clientCredentialsToken(app, client, 'short:use')), 60)
  t.equal(lifetimeOf(await clientCredentialsToken(app, client, 'ships:read')), 900, 'an API without its own has ACCESS_TOKEN_TTL')
  t.equal(lifetimeOf(await clientCredentialsToken(app, client, 'long:use short:use')), 60, 'the shortest of several')
  t.equal(MAX_ACCESS_TOKEN_TTL, 86400)
})

t.test('a rotated signing key stays published while a token of the longest-lived API it signed may live', async (t) => {
  const app = await build(t, { ACCESS_TOKEN_TTL: '60' })
  const old = app.signing.kid
  await app.signing.rotate()
  const rotatedAgo = (hours: number) => app.db.updateTable('signing_keys').set({ rotated_at: new Date(Date.now() - hours * 3600_000) }).where('kid', '=', old).execute()
  const published = async () => (await app.signing.keys()).some((key) => key.kid === old)
  await rotatedAgo(24)
  t.equal(await published(), true, 'a day after rotation, beyond ACCESS_TOKEN_TTL: a token of the longest-lived API may still live')
  await rotatedAgo(25)
  t.equal(await published(), false, 'gone once its successor has long been signing and that lifetime has passed')
})
