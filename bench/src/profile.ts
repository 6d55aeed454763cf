// pnpm --filter @keyhold/bench profile: CPU profiles (node --cpu-prof) of the identity service under the
// token and introspection loads, one process each, written under bench/.profiles/ and summarised.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_DIR, isolate, measure, type Isolation, type RunningServer } from './harness.js'
import { identityScenarios, RESOURCE_AUDIENCE, startIdentity, startResources, type Scenario } from './scenarios.js'

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    top: { type: 'string', default: '25' },
    scenarios: { type: 'string', default: 'ours-token,ours-introspect' }
  }
})

interface ProfileNode { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }
interface Profile { nodes: ProfileNode[], startTime: number, samples: number[], timeDeltas: number[] }

/** Where a function lives: one of our source folders, a package, Node itself, or V8's pseudo-frames. */
function area (url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : 'native'
  if (url.startsWith('node:')) return 'node internals'
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  const ours = /\/(services\/[^/]+\/src|packages\/[^/]+\/src)\/(.*)$/.exec(url)
  return ours ? `${ours[1]}/${ours[2]}` : url
}

/** Summarises the samples taken within [from, to] (µs on the monotonic clock V8 and process.hrtime share). */
function summarise (file: string, from: number, to: number, requests: number, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame
    return `${functionName || '(anonymous)'} ${area(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`
  }

  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const areas = new Map<string, number>()
  let total = 0
  let time = profile.startTime
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    time += delta
    const node = nodes.get(id)!
    if (time < from || time > to || node.callFrame.functionName === '(idle)') return
    total += delta
    self.set(label(node), (self.get(label(node)) ?? 0) + delta)
    const where = area(node.callFrame.url, node.callFrame.functionName)
    areas.set(where, (areas.get(where) ?? 0) + delta)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(nodes.get(at)!)
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + delta)
    }
  })
  const table = (title: string, entries: Map<string, number>, count: number, keep = (_: string) => true) => [
    `${title} (% of busy time)`,
    ...[...entries].filter(([name]) => keep(name)).sort((a, b) => b[1] - a[1]).slice(0, count)
      .map(([name, time]) => `  ${((time / total) * 100).toFixed(1).padStart(5)}  ${name}`)
  ].join('\n')
  return [
    // CPU time per request holds up better than req/s on a machine shared with other work.
    `busy ${(total / 1e6).toFixed(1)} s of ${((to - from) / 1e6).toFixed(1)} s under load: ${(total / requests).toFixed(0)} µs of CPU per request`,
    table('self time by area', areas, 15),
    table('self time by function', self, top),
    table('total time, our code', inclusive, top, (name) => / (services|packages)\//.test(name))
  ].join('\n\n')
}

const seconds = Number(flags.seconds)
const connections = Number(flags.connections)
const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19)
const microseconds = (): number => Number(process.hrtime.bigint() / 1000n)

/** Starts the services a scenario needs, with the one it is about profiled; returns its scenario and servers. */
async function setUp (key: string, profiled: string[], isolation: Isolation, resourceIsolation: Isolation): Promise<{ scenario: Scenario, servers: RunningServer[] }> {
  if (!key.startsWith('resource-')) {
    const identity = await startIdentity(isolation, { nodeFlags: profiled })
    return { scenario: (await identityScenarios(identity)).find((s) => s.key === key)!, servers: [identity.server] }
  }
  const identity = await startIdentity(isolation, { audience: RESOURCE_AUDIENCE })
  const resources = await startResources(identity, resourceIsolation, { key, nodeFlags: profiled })
  return { scenario: resources.scenarios.find((s) => s.key === key)!, servers: [identity.server, ...resources.servers] }
}

for (const key of flags.scenarios.split(',')) {
  const dir = join(BENCH_DIR, '.profiles', `${stamp}-${key}`)
  const isolation = await isolate()
  const resourceIsolation = await isolate()
  let window: [number, number]
  let requests: number
  try {
    const { scenario, servers } = await setUp(key, ['--cpu-prof', `--cpu-prof-dir=${dir}`], isolation, resourceIsolation)
    try {
      const request = await scenario.prepare()
      await measure({ ...request, connections, seconds: 2 })
      const from = microseconds()
      const result = await measure({ ...request, connections, seconds })
      window = [from, microseconds()]
      requests = result.ok
      console.log(`\n## ${key}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms (while profiling)`)
    } finally {
      await Promise.all(servers.map((server) => server.stop()))
    }
  } finally {
    await Promise.all([isolation.cleanUp(), resourceIsolation.cleanUp()])
  }
  // One profile per thread (tsx runs its loader in a worker): the main thread's has thread id 0.
  const file = readdirSync(dir).find((name) => /\.0\.\d+\.cpuprofile$/.test(name))
  if (!file) throw new Error(`no profile written in ${dir}`)
  console.log(`${join(dir, file)}\n\n${summarise(join(dir, file), ...window, requests, Number(flags.top))}`)
}
