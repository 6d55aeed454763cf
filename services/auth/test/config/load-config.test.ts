import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.js'

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_SECRET: 'a'.repeat(32),
  ADMIN_TOKEN: 'b'.repeat(32)
}

t.test('defaults fill in everything optional', async (t) => {
  t.match(loadConfig(valid), {
    host: '127.0.0.1', port: 4000, issuer: 'http://127.0.0.1:4000', redisPrefix: 'keyhold:', accessTokenTtl: 3600,
    dynamicRegistration: false, clientAuth: { maxFailures: 10, failureWindow: 300 }, adminAuth: { maxFailures: 10, failureWindow: 900 },
    login: { maxFailures: 5, maxFailuresPerAddress: 50, maxFailuresPerUsername: 100, failureWindow: 900, knownAddressTtl: 30 * 86400 },
    refreshTokenTtl: 30 * 86400, grantMaxLifetime: 90 * 86400,
    timeouts: { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 5_000 }
  })
})

t.test('without DATABASE_URL and REDIS_URL the service runs embedded, its data by default under the repository\'s .data', async (t) => {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...embedded } = valid
  const config = loadConfig(embedded)
  t.equal(config.databaseUrl, undefined)
  t.equal(config.redisUrl, undefined)
  t.equal(config.dataDir, fileURLToPath(new URL('../../../../.data/auth', import.meta.url)))
  t.match(loadConfig({ ...embedded, DATA_DIR: '/var/lib/keyhold' }), { dataDir: '/var/lib/keyhold' })
})

t.test('access tokens name the APIs of the registry: ACCESS_TOKEN_AUDIENCE is read no more', async (t) => {
  t.notOk('audience' in loadConfig({ ...valid, ACCESS_TOKEN_AUDIENCE: 'https://api.example' }))
})

t.test('passkeys are bound to the issuer\'s host name and origin unless WEBAUTHN_RP_ID and WEBAUTHN_ORIGIN say otherwise', async (t) => {
  t.match(loadConfig({ ...valid, ISSUER: 'http://localhost:4000' }).webauthn, { rpId: 'localhost', origin: 'http://localhost:4000', challengeTtl: 300, maxPasskeys: 20 })
  t.match(loadConfig({ ...valid, ISSUER: 'https://id.example.com/tenant' }).webauthn, { rpId: 'id.example.com', origin: 'https://id.example.com' })
  t.match(loadConfig({ ...valid, ISSUER: 'https://id.example.com', WEBAUTHN_RP_ID: 'example.com' }).webauthn,
    { rpId: 'example.com', origin: 'https://id.example.com' }, 'a parent domain, so passkeys outlive a move between its hosts')
  t.match(loadConfig({ ...valid, WEBAUTHN_RP_ID: 'login.example.com', WEBAUTHN_ORIGIN: 'https://login.example.com:8443' }).webauthn,
    { rpId: 'login.example.com', origin: 'https://login.example.com:8443' })
  const refused: Array<[Record<string, string>, RegExp]> = [
    [{ WEBAUTHN_RP_ID: '192.0.2.1', WEBAUTHN_ORIGIN: 'https://192.0.2.1' }, /WEBAUTHN_RP_ID must be a host name/],
    [{ WEBAUTHN_RP_ID: 'Example.com' }, /WEBAUTHN_RP_ID/],
    [{ ISSUER: 'https://id.example.com', WEBAUTHN_RP_ID: 'other.example' }, /WEBAUTHN_ORIGIN \(https:\/\/id.example.com\) must be on WEBAUTHN_RP_ID/],
    [{ ISSUER: 'https://id.example.com', WEBAUTHN_RP_ID: 'ample.com' }, /must be on WEBAUTHN_RP_ID/],
    [{ WEBAUTHN_RP_ID: 'id.example.com', WEBAUTHN_ORIGIN: 'http://id.example.com' }, /https, or http on localhost/],
    [{ WEBAUTHN_ORIGIN: 'https://id.example.com/path' }, /WEBAUTHN_ORIGIN/]
  ]
  for (const [env, message] of refused) t.throws(() => loadConfig({ ...valid, ...env }), { name: 'ConfigError', message }, JSON.stringify(env))
})

t.test('strings from the environment become numbers and booleans', async (t) => {
  t.match(loadConfig({ ...valid, PORT: '8080', ACCESS_TOKEN_TTL: '600', DYNAMIC_REGISTRATION: 'true' }),
    { port: 8080, accessTokenTtl: 600, dynamicRegistration: true })
})

t.test('every problem names its variable', async (t) => {
  const cases: Array<[Record<string, string | undefined>, RegExp]> = [
    [{ ...valid, DATABASE_URL: 'localhost' }, /DATABASE_URL/],
    [{ ...valid, REDIS_URL: '127.0.0.1:6379' }, /REDIS_URL/],
    [{ ...valid, AUTH_SECRET: 'short' }, /AUTH_SECRET/],
    [{ ...valid, PORT: 'eighty' }, /PORT/],
    [{ ...valid, ISSUER: 'http://issuer.example/' }, /ISSUER/],
    [{ ...valid, ACCESS_TOKEN_TTL: '5' }, /ACCESS_TOKEN_TTL/],
    [{ ...valid, LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ...valid, REQUEST_TIMEOUT_MS: '0' }, /REQUEST_TIMEOUT_MS/],
    [{ ...valid, KEEP_ALIVE_TIMEOUT_MS: 'forever' }, /KEEP_ALIVE_TIMEOUT_MS/],
    [{ ...valid, GRANT_MAX_LIFETIME: '3600', REFRESH_TOKEN_TTL: '7200' }, /GRANT_MAX_LIFETIME must be at least REFRESH_TOKEN_TTL/],
    [{ ...valid, HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' }, /HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS/]
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message }, String(message))
  }
  const error = (() => { try { loadConfig({}) } catch (e) { return e } })()
  t.ok(error instanceof ConfigError)
  t.match((error as Error).message, /AUTH_SECRET[\s\S]*ADMIN_TOKEN/, 'all at once')
})

t.test('the server refuses to start on a bad configuration, saying why', async (t) => {
  const result = spawnSync(process.execPath, ['--conditions=keyhold-source', '--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH, ...valid, ADMIN_TOKEN: 'too-short' }, encoding: 'utf8', timeout: 20_000
  })
  t.equal(result.status, 1)
  t.match(result.stderr, /ADMIN_TOKEN/)
  t.notMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace')
})
