// pnpm bench: measures the ceilings, the peer and our services in interleaved rounds, prints the
// summary table and saves it under bench/results/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_DIR, isolate, measure, type RunningServer } from './harness.js'
import { markdown, type Row } from './report.js'
import { identityScenarios, RESOURCE_AUDIENCE, startCeilings, startIdentity, startPeer, startResources, type Scenario } from './scenarios.js'

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    /** Comma-separated scenario keys to run (the bare ceiling always runs: every ratio needs it). */
    only: { type: 'string' },
    /** Where to save the table; "-" to save nothing. */
    out: { type: 'string' }
  }
})
const rounds = Number(flags.rounds)
const seconds = Number(flags.seconds)
const warmup = Number(flags.warmup)
const connections = Number(flags.connections)

const version = (name: string): string =>
  (JSON.parse(readFileSync(join(BENCH_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

const GROUPS: Record<string, string> = { bare: 'ceiling', redis: 'ceiling', peer: 'peer', ours: 'ours', resource: 'ours' }

let interrupted = false
process.once('SIGINT', () => { interrupted = true })

const loadAtStart = loadavg()[0]!
const isolation = await isolate()
// The resource services keep their own tables (and migration bookkeeping) apart from the identity service's.
const resourceIsolation = await isolate()
const servers: RunningServer[] = []
const rows: Row[] = []
try {
  const ceilings = await startCeilings(isolation)
  servers.push(...ceilings.servers)
  const peer = await startPeer()
  servers.push(...peer.servers)
  const identity = await startIdentity(isolation, { audience: RESOURCE_AUDIENCE })
  servers.push(identity.server)
  const ours = await identityScenarios(identity)
  const resources = await startResources(identity, resourceIsolation)
  servers.push(...resources.servers)
  const scenarios: Scenario[] = [...ceilings.scenarios, ...peer.scenarios, ...ours, ...resources.scenarios]
  const chosen = flags.only === undefined
    ? scenarios
    : scenarios.filter((s) => s.key === 'bare' || flags.only!.split(',').includes(s.key))

  for (const scenario of chosen) {
    rows.push({ key: scenario.key, group: GROUPS[scenario.key.split('-')[0]!]!, label: scenario.label, rounds: [] })
  }

  for (const scenario of chosen) {
    if (interrupted) break
    console.error(`warm-up  ${scenario.key}`)
    await measure({ ...await scenario.prepare(), connections, seconds: warmup }, [])
  }
  for (let round = 0; round < rounds && !interrupted; round++) {
    // Each round starts one scenario later, so no scenario always follows the same one.
    const order = chosen.map((_, i) => chosen[(i + round) % chosen.length]!)
    for (const scenario of order) {
      if (interrupted) break
      const result = await measure({ ...await scenario.prepare(), connections, seconds }, scenario.servers.map((server) => server.pid))
      rows.find((row) => row.key === scenario.key)!.rounds.push(result)
      console.error(`round ${round + 1}/${rounds}  ${scenario.key.padEnd(18)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  ` +
        `p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  ${result.cpuPerRequest.toFixed(0)} µs CPU/req  failed ${result.failed}  ` +
        `server core ${(result.serverCoreBusy * 100).toFixed(0)} %  load core ${(result.loadCoreBusy * 100).toFixed(0)} %`)
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()))
  await Promise.all([isolation.cleanUp(), resourceIsolation.cleanUp()])
}

const date = new Date()
const table = markdown(rows, {
  date,
  rounds,
  seconds,
  warmup,
  connections,
  load: [loadAtStart, loadavg()[0]!],
  versions: { fastify: version('fastify'), 'oidc-provider': version('oidc-provider'), autocannon: version('autocannon') }
})
process.stdout.write(`\n${table}`)
if (flags.out !== '-' && !interrupted) {
  const file = flags.out ?? join(BENCH_DIR, 'results', `${date.toISOString().slice(0, 10)}.md`)
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, table)
  console.error(`saved ${file}`)
}
