import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import t from 'tap'
import { isolatedConfig, RESOURCE_API } from '../helper.js'

const SERVICE_ROOT = new URL('../..', import.meta.url).pathname

interface Running { child: ChildProcess, port: number, output: () => string }

async function startServer (env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--conditions=keyhold-source', '--import', 'tsx', 'src/server.ts'], {
    cwd: SERVICE_ROOT, env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const collect = (chunk: Buffer) => { output += String(chunk) }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  for (let waited = 0; waited < 20_000 && child.exitCode === null; waited += 100) {
    const listening = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
    if (listening) return { child, port: Number(listening[1]), output: () => output }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server did not start:\n${output}`)
}

async function readResponses (socket: Socket, count: number): Promise<string> {
  let received = ''
  for await (const chunk of socket) {
    received += String(chunk)
    if ((received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= count && /\r\n\r\n[\s\S]*\}$/.test(received)) break
  }
  return received
}

t.test('a real server process: graceful SIGTERM and no secrets in its logs', async (t) => {
  const config = await isolatedConfig(t)
  const server = await startServer({
    DATABASE_URL: config.databaseUrl, REDIS_URL: config.redisUrl, REDIS_PREFIX: config.redisPrefix,
    AUTH_SECRET: config.secret, ADMIN_TOKEN: config.adminToken, SHUTDOWN_GRACE_MS: '5000'
  })
  t.teardown(() => { server.child.kill('SIGKILL') })
  const base = `http://127.0.0.1:${server.port}`

  const registered = await fetch(`${base}/admin/apis`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(RESOURCE_API)
  })
  t.equal(registered.status, 201, 'the API whose scope the client asks for')
  const created = await fetch(`${base}/admin/clients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'shutdown', grant_types: ['client_credentials'], scope: 'ships:read', token_endpoint_auth_method: 'client_secret_post' })
  })
  const client = await created.json() as { client_id: string, client_secret: string }
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).toString()
  const tokenRequest = `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`
  const wrongSecret = await fetch(`${base}/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.replace(/client_secret=[^&]+/, 'client_secret=guessed-secret')
  })
  t.equal(wrongSecret.status, 401)

  // A request in flight: headers and half its body sent when SIGTERM arrives.
  const socket = connect(server.port, '127.0.0.1')
  await once(socket, 'connect')
  socket.write(tokenRequest + body.slice(0, 10))
  await new Promise((resolve) => setTimeout(resolve, 200))
  const exited = once(server.child, 'exit')
  const signalledAt = performance.now()
  server.child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 300))

  // The rest of the body, then a second request on the same connection, which arrives while closing.
  socket.write(body.slice(10) + tokenRequest + body)
  const responses = await readResponses(socket, 2)
  const [first, second] = responses.split(/(?=HTTP\/1\.1 )/)
  t.match(first, /^HTTP\/1\.1 200/, 'the in-flight request completes')
  t.match(first, /"access_token":"ey/)
  t.match(second, /^HTTP\/1\.1 503/, 'a new request while closing gets 503')

  const [code] = await exited
  t.equal(code, 0, 'exits cleanly')
  t.ok(performance.now() - signalledAt < 5000, 'within the grace period')
  t.match(server.output(), /shutting down/)

  const token = /"access_token":"([^"]+)"/.exec(first!)![1]!
  for (const secret of [client.client_secret, 'guessed-secret', token, config.adminToken, config.secret]) {
    t.notOk(server.output().includes(secret), 'a credential never reaches the log')
  }
})
