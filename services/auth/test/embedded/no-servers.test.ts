// Without DATABASE_URL and REDIS_URL the identity service runs on an embedded Postgres in its data
// directory and in-memory short-lived stores: clients survive a restart, tokens do not.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ADMIN_TOKEN, adminHeaders, basic, clientCredentialsToken, createClient, postForm } from '../helper.js'

t.test('an identity service with no database or Redis server', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyhold-embedded-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent'
  })
  const start = async () => {
    const app = await buildApp(config)
    t.teardown(() => app.close())
    return app
  }

  const first = await start()
  const client = await createClient(first)
  const auth = { authorization: basic(client.client_id, client.client_secret!) }
  const token = await clientCredentialsToken(first, client, 'ships:read')
  const introspection = await postForm(first, '/introspect', { token }, auth)
  t.match(introspection.json(), { active: true, client_id: client.client_id, scope: 'ships:read' })

  const signUp = await first.inject({ method: 'POST', url: '/api/users', payload: { username: 'grace', password: 'a long enough password' } })
  t.equal(signUp.statusCode, 201, 'sign-up works, its rate limit counted in memory')

  const ready = await first.inject('/ready')
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready', checks: { postgres: 'up' } }, '/ready names only what it checks')
  await first.close()

  const second = await start()
  const found = await second.inject({ url: `/admin/clients/${client.client_id}`, headers: adminHeaders })
  t.equal(found.statusCode, 200, 'the client is still registered after a restart')
  t.equal(found.json().client_id, client.client_id)
  const taken = await second.inject({ method: 'POST', url: '/api/users', payload: { username: 'grace', password: 'another long password' } })
  t.equal(taken.statusCode, 409, 'so is the account')
  t.same((await postForm(second, '/introspect', { token }, auth)).json(), { active: false },
    'tokens lived in memory: after a restart they are inactive')
  const again = await clientCredentialsToken(second, client, 'ships:read')
  t.equal((await postForm(second, '/introspect', { token: again }, auth)).json().active, true,
    'the same client secret and signing key work after the restart')
})
