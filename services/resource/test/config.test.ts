import t from 'tap'
import { loadConfig } from '../src/config.js'

const required = {
  RESOURCE_CLIENT_ID: 'resource', RESOURCE_CLIENT_SECRET: 'secret',
  DATABASE_URL: 'postgres://db/resource', REDIS_URL: 'redis://127.0.0.1:6379'
}

t.test('defaults: port 4001, the identity service on 4000, query tokens off, a 5 s cache', async (t) => {
  t.match(loadConfig(required), {
    port: 4001,
    authUrl: 'http://127.0.0.1:4000',
    audience: 'http://127.0.0.1:4001',
    authRedisPrefix: 'keyhold:',
    allowQueryToken: false,
    cache: { maxAge: 5, size: 10_000 },
    client: { id: 'resource', credentials: { clientId: 'resource', clientSecret: 'secret' } }
  })
})

t.test('values come from the environment, converted', async (t) => {
  const config = loadConfig({ ...required, PORT: '8080', ALLOW_QUERY_TOKEN: 'true', INTROSPECTION_CACHE_MAX_AGE: '0', AUTH_URL: 'https://id.example/' })
  t.match(config, { port: 8080, allowQueryToken: true, cache: { maxAge: 0 }, authUrl: 'https://id.example' })
})

t.test('the issuer is the identity service URL unless ISSUER names another', async (t) => {
  t.equal(loadConfig({ ...required, AUTH_URL: 'https://id.example/' }).issuer, 'https://id.example')
  t.equal(loadConfig({ ...required, AUTH_URL: 'http://auth:4000', ISSUER: 'https://id.example' }).issuer, 'https://id.example')
})

t.test('errors name the variable', async (t) => {
  t.throws(() => loadConfig({}), { name: 'ConfigError', message: /RESOURCE_CLIENT_ID is required/ })
  t.throws(() => loadConfig({ ...required, PORT: 'eighty' }), /PORT/)
  t.throws(() => loadConfig({ ...required, AUTH_URL: 'ftp://id' }), /AUTH_URL/)
  t.throws(() => loadConfig({ ...required, ISSUER: 'id.example' }), /ISSUER/)
  t.throws(() => loadConfig({ ...required, INTROSPECTION_CACHE_MAX_AGE: '-1' }), /INTROSPECTION_CACHE_MAX_AGE/)
  t.throws(() => loadConfig({ ...required, RESOURCE_CLIENT_SECRET: '' }), { name: 'ConfigError', message: /RESOURCE_CLIENT_SECRET/ }, 'empty counts as missing')
})

t.test('a private key instead of the secret: exactly one of the two, and a private JWK', async (t) => {
  const { RESOURCE_CLIENT_SECRET: _secret, ...withoutSecret } = required
  const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k1' }
  t.match(loadConfig({ ...withoutSecret, RESOURCE_CLIENT_PRIVATE_KEY: JSON.stringify(jwk), RESOURCE_CLIENT_KEY_ALG: 'ES256' }).client,
    { id: 'resource', credentials: { clientId: 'resource', privateKey: jwk, alg: 'ES256' } })
  t.throws(() => loadConfig({ ...required, RESOURCE_CLIENT_PRIVATE_KEY: JSON.stringify(jwk) }), /exactly one of RESOURCE_CLIENT_SECRET and RESOURCE_CLIENT_PRIVATE_KEY/)
  t.throws(() => loadConfig(withoutSecret), /exactly one of RESOURCE_CLIENT_SECRET and RESOURCE_CLIENT_PRIVATE_KEY/)
  t.throws(() => loadConfig({ ...withoutSecret, RESOURCE_CLIENT_PRIVATE_KEY: 'not json' }), /RESOURCE_CLIENT_PRIVATE_KEY must be a private JWK/)
  t.throws(() => loadConfig({ ...withoutSecret, RESOURCE_CLIENT_PRIVATE_KEY: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }) }), /RESOURCE_CLIENT_PRIVATE_KEY must be a private JWK/, 'a public key signs nothing')
  t.throws(() => loadConfig({ ...withoutSecret, RESOURCE_CLIENT_PRIVATE_KEY: JSON.stringify(jwk), RESOURCE_CLIENT_KEY_ALG: 'HS256' }), /RESOURCE_CLIENT_KEY_ALG/)
})
