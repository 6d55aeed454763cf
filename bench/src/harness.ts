// The benchmark's machinery: servers as pinned child processes, an isolated Postgres schema and Redis
// prefix, and one load-generator run on the other core.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { LoadFigures, LoadOptions } from './load.js'

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const SERVER_CORE = '0'
export const LOAD_CORE = '1'
const NODE_ARGS = ['--conditions=keyhold-source', '--import', 'tsx']

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

export const randomSecret = (): string => randomBytes(32).toString('base64url')

export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface RunningServer {
  name: string
  url: string
  pid: number
  stop (): Promise<void>
}

export interface ServerSpec {
  name: string
  /** Script under src/servers/, with its arguments. */
  script: string
  args?: string[]
  env: Record<string, string>
  /** Extra node flags, such as --cpu-prof. */
  nodeFlags?: string[]
  /** A port chosen beforehand (when the server must know its own URL); a free one otherwise. */
  port?: number
}

/** Starts a server pinned to the server core and resolves once it accepts connections. */
export async function startServer (spec: ServerSpec): Promise<RunningServer> {
  const port = spec.port ?? await freePort()
  const child = spawn('taskset', [
    '-c', SERVER_CORE, process.execPath, ...NODE_ARGS, ...(spec.nodeFlags ?? []),
    `src/servers/${spec.script}`, ...(spec.args ?? [])
  ], {
    cwd: BENCH_DIR,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...spec.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.name} did not start within 60 s`)), 60_000)
    child.once('message', () => { clearTimeout(timer); resolve() })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${spec.name} exited with ${code} at start`)) })
  })
  // taskset execs node in its own process, so this pid is the server's.
  return { name: spec.name, url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) }
}

function stopChild (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => { clearTimeout(killer); resolve() })
    child.kill('SIGTERM')
  })
}

/** Seconds each core spent busy so far, from /proc/stat. */
function busyCoreSeconds (): Map<string, number> {
  const busy = new Map<string, number>()
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+) (.*)$/.exec(line)
    if (!match) continue
    const [user, nice, system, , , irq, softirq, steal] = match[2]!.trim().split(/\s+/).map(Number)
    busy.set(match[1]!, (user! + nice! + system! + irq! + softirq! + steal!) / 100)
  }
  return busy
}

/** CPU seconds a process has used so far (user + system), from /proc/<pid>/stat. */
function processCpuSeconds (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

export interface Measurement extends LoadFigures {
  /** Share of the measured time each core was busy, 0–1, whoever kept it busy. */
  serverCoreBusy: number
  loadCoreBusy: number
  /** CPU time the scenario's servers spent per answered request, in µs: unlike req/s, it holds
   * up when other work shares the machine. */
  cpuPerRequest: number
}

/** One load-generator run, pinned to the load core; `pids` are the servers whose CPU the requests cost. */
export async function measure (options: LoadOptions, pids: number[] = []): Promise<Measurement> {
  const before = busyCoreSeconds()
  const cpuBefore = pids.map(processCpuSeconds)
  const started = performance.now()
  const child = spawn('taskset', ['-c', LOAD_CORE, process.execPath, '--import', 'tsx', 'src/load.ts', JSON.stringify(options)], {
    cwd: BENCH_DIR,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`load generator exited with ${code}`)
  const elapsed = (performance.now() - started) / 1000
  const after = busyCoreSeconds()
  const cpu = pids.reduce((sum, pid, i) => sum + processCpuSeconds(pid) - cpuBefore[i]!, 0)
  const share = (core: string) => ((after.get(core) ?? 0) - (before.get(core) ?? 0)) / elapsed
  const figures = JSON.parse(output) as LoadFigures
  return {
    ...figures,
    serverCoreBusy: share(SERVER_CORE),
    loadCoreBusy: share(LOAD_CORE),
    cpuPerRequest: figures.ok > 0 ? (cpu * 1e6) / figures.ok : NaN
  }
}

export interface Isolation {
  schema: string
  databaseUrl: string
  redisPrefix: string
  cleanUp (): Promise<void>
}

/** A Postgres schema and a Redis key prefix of the run's own, removed by cleanUp. */
export async function isolate (): Promise<Isolation> {
  const schema = `bench_${randomBytes(6).toString('hex')}`
  await sql(`create schema ${schema}`)
  const url = new URL(DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    schema,
    databaseUrl: url.toString(),
    redisPrefix: `${schema}:`,
    async cleanUp () {
      await sql(`drop schema if exists ${schema} cascade`)
      await deleteKeys(`${schema}:`)
    }
  }
}

async function sql (statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

async function deleteKeys (prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL)
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    if (keys.length > 0) await redis.unlink(...keys)
    cursor = next
  } while (cursor !== '0')
  await redis.quit()
}
