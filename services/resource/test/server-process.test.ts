import { spawn } from 'node:child_process'
import { once } from 'node:events'
import t from 'tap'
import { Redis } from 'ioredis'
import { REDIS_URL, buildResource, eventually, isolatedSchema, startIdentity } from './helper.js'

const SERVICE_ROOT = new URL('..', import.meta.url).pathname

t.test('a real server process: serves, keeps tokens out of its logs, and stops cleanly on SIGTERM', async (t) => {
  const identity = await startIdentity(t)
  const self = await identity.introspector()
  const reader = await identity.client('ships:read')
  const child = spawn(process.execPath, ['--conditions=keyhold-source', '--import', 'tsx', 'src/server.ts'], {
    cwd: SERVICE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      LOG_LEVEL: 'trace',
      AUTH_URL: identity.url,
      ISSUER: identity.issuer,
      RESOURCE_CLIENT_ID: self.client_id,
      RESOURCE_CLIENT_SECRET: self.client_secret,
      DATABASE_URL: (await isolatedSchema(t)).url,
      REDIS_URL,
      AUTH_REDIS_PREFIX: identity.redisPrefix,
      ALLOW_QUERY_TOKEN: 'true',
      SHUTDOWN_GRACE_MS: '5000'
    }
  })
  t.teardown(() => { child.kill('SIGKILL') })
  let output = ''
  child.stdout.on('data', (chunk) => { output += String(chunk) })
  child.stderr.on('data', (chunk) => { output += String(chunk) })
  let base: string | undefined
  for (let waited = 0; waited < 20_000 && !base && child.exitCode === null; waited += 100) {
    base = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
    if (!base) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.ok(base, 'listening')

  const token = await identity.token(reader)
  const viaHeader = await fetch(`${base}/api/ships`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(viaHeader.status, 200)
  const viaQuery = await fetch(`${base}/api/ships?access_token=${token}`)
  t.equal(viaQuery.status, 200)
  const forged = `${token.slice(0, -8)}AAAAAAAA`
  t.equal((await fetch(`${base}/api/ships?access_token=${forged}`)).status, 401)

  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const [code] = await exited
  t.equal(code, 0, 'exits cleanly within the grace period')
  t.match(output, /shutting down/)
  for (const secret of [token, forged, self.client_secret!]) {
    t.notOk(output.includes(secret), 'no token or secret in the log')
  }
})

t.test('closing the app releases its revocation subscription', async (t) => {
  const identity = await startIdentity(t)
  const redis = new Redis(REDIS_URL)
  t.teardown(() => redis.quit())
  const subscribed = async () => ((await redis.pubsub('NUMSUB', `${identity.redisPrefix}revocations`)) as [string, number])[1]
  // The identity service listens there too, for its revocation streams.
  const others = await subscribed()
  const resource = await buildResource(t, identity)
  t.equal(await subscribed(), others + 1)
  await resource.close()
  t.ok(await eventually(async () => (await subscribed()) === others))
})
