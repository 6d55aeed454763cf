// Configuration: defaults for a local run, and start-up errors that name the variable at fault.
import t from 'tap'
import { loadConfig } from '../src/config.js'

const required = { DEMO_CLIENT_ID: 'demo', DEMO_CLIENT_SECRET: 'secret', COOKIE_SECRET: 'c'.repeat(32) }

t.test('defaults to the local ports of the three services', async (t) => {
  t.match(loadConfig(required), {
    host: '127.0.0.1',
    port: 4002,
    publicUrl: 'http://127.0.0.1:4002',
    issuer: 'http://127.0.0.1:4000',
    authInternalUrl: 'http://127.0.0.1:4000',
    resourceUrl: 'http://127.0.0.1:4001',
    scope: 'openid email profile calls',
    idTokenAlg: 'RS256',
    postLogoutRedirectUri: 'http://127.0.0.1:4002/',
    sessions: { max: 1000, idleTtlSeconds: 3600 }
  })
})

t.test('the back-channel URL may differ from the issuer browsers see', async (t) => {
  const config = loadConfig({ ...required, AUTH_URL: 'https://id.example.com', AUTH_INTERNAL_URL: 'http://auth:4000', DEMO_URL: 'https://demo.example.com', PORT: '8080' })
  t.match(config, { issuer: 'https://id.example.com', authInternalUrl: 'http://auth:4000', publicUrl: 'https://demo.example.com', port: 8080 })
  t.equal(config.postLogoutRedirectUri, 'https://demo.example.com/', 'the sign-out return is the start page, as provisioned')
})

t.test('an issuer over plain http only on a loopback address', async (t) => {
  for (const issuer of ['http://127.0.0.1:4000', 'http://[::1]:4000', 'https://id.example.com']) {
    t.equal(loadConfig({ ...required, AUTH_URL: issuer }).issuer, issuer)
  }
})

t.test('a DEMO_URL whose callback the identity service registers is accepted', async (t) => {
  for (const url of ['https://demo.example.com', 'https://demo.example.com:8443/app', 'http://127.0.0.1:4002', 'http://[::1]:4002']) {
    t.equal(loadConfig({ ...required, DEMO_URL: url }).publicUrl, url)
  }
})

t.test('an issuer over http is accepted on this machine: a loopback address or localhost', async (t) => {
  for (const issuer of ['http://127.0.0.1:4000', 'http://[::1]:4000', 'http://localhost:4000']) {
    t.equal(loadConfig({ ...required, AUTH_URL: issuer }).issuer, issuer)
  }
})

t.test('missing and malformed variables are named', async (t) => {
  t.throws(() => loadConfig({}), { name: 'ConfigError', message: /DEMO_CLIENT_ID is required[\s\S]*DEMO_CLIENT_SECRET is required[\s\S]*COOKIE_SECRET is required/ })
  const cases: [Record<string, string>, RegExp][] = [
    [{ COOKIE_SECRET: 'short' }, /COOKIE_SECRET/],
    [{ AUTH_URL: 'http://127.0.0.1:4000/' }, /AUTH_URL/],
    [{ RESOURCE_URL: 'ftp://x' }, /RESOURCE_URL/],
    [{ DEMO_URL: 'http://x?y' }, /DEMO_URL/],
    [{ DEMO_URL: 'http://localhost:4002' }, /DEMO_URL/],
    [{ DEMO_URL: 'http://demo.example.com' }, /DEMO_URL/],
    [{ DEMO_URL: 'https://Demo.example.com' }, /DEMO_URL/],
    [{ DEMO_URL: 'https://demo.example.com:443' }, /DEMO_URL/],
    [{ DEMO_URL: 'https://user@demo.example.com' }, /DEMO_URL/],
    [{ DEMO_URL: 'https://demo.example.com/a b' }, /DEMO_URL/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ DEMO_SCOPE: 'profile  calls' }, /DEMO_SCOPE/],
    [{ DEMO_SCOPE: 'profile calls' }, /DEMO_SCOPE must include openid/],
    [{ DEMO_ID_TOKEN_ALG: 'HS256' }, /DEMO_ID_TOKEN_ALG/],
    [{ AUTH_URL: 'http://id.example.com' }, /AUTH_URL must be an https URL/],
    [{ AUTH_URL: 'http://localhost.example.com:4000' }, /AUTH_URL must be an https URL/]
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig({ ...required, ...env }), { name: 'ConfigError', message }, Object.keys(env).join())
  }
})
