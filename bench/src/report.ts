// Turns a run's measurements into the summary table: medians over rounds, ratios to the ceiling and peer.
import { cpus, totalmem } from 'node:os'
import type { Measurement } from './harness.js'

export interface Row {
  key: string
  group: string
  label: string
  rounds: Measurement[]
}

export interface RunInfo {
  date: Date
  rounds: number
  seconds: number
  warmup: number
  connections: number
  versions: Record<string, string>
  /** One-minute load averages when the run started and ended: how much else the machine was doing. */
  load: [number, number]
}

interface Summary { requestsPerSecond: number, p50: number, p99: number, failed: number, cpuPerRequest: number }

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function summarise (row: Row): Summary | undefined {
  if (row.rounds.length === 0) return undefined
  const of = (pick: (m: Measurement) => number) => median(row.rounds.map(pick))
  return {
    requestsPerSecond: of((m) => m.requestsPerSecond),
    p50: of((m) => m.p50),
    p99: of((m) => m.p99),
    failed: row.rounds.reduce((sum, m) => sum + m.failed, 0),
    cpuPerRequest: of((m) => m.cpuPerRequest)
  }
}

const fixed = (value: number, digits: number): string => Number.isFinite(value) ? value.toFixed(digits) : '—'
const ratio = (value: number): string => `${fixed(value, 2)}×`

/** Which peer row each of our rows is compared with. */
const PEER_OF: Record<string, string> = { 'ours-token': 'peer-token', 'ours-introspect': 'peer-introspect' }

export interface Target {
  label: string
  /** Judged on req/s (or p99), as the target is stated. */
  met: boolean | undefined
  measured: string
  /** The same ratio from CPU time per request, where it applies. */
  byCpu: string
}

export function targets (rows: Row[]): Target[] {
  const byKey = new Map(rows.map((row) => [row.key, summarise(row)]))
  const ratioTarget = (label: string, key: string, base: string, minimum: number): Target => {
    const ours = byKey.get(key)
    const other = byKey.get(base)
    if (!ours || !other) return { label, met: undefined, measured: 'not measured', byCpu: '' }
    const value = ours.requestsPerSecond / other.requestsPerSecond
    return { label, met: value >= minimum, measured: ratio(value), byCpu: ratio(other.cpuPerRequest / ours.cpuPerRequest) }
  }
  const latencyTargets = ['ours-token', 'ours-introspect', 'resource-cached'].map((key): Target => {
    const p99 = byKey.get(key)?.p99
    const label = `${key}: p99 < 10 ms at 50 connections`
    return p99 === undefined
      ? { label, met: undefined, measured: 'not measured', byCpu: '' }
      : { label, met: p99 < 10, measured: `${fixed(p99, 2)} ms`, byCpu: '' }
  })
  return [
    ratioTarget('ours-token: ≥ 2× the peer', 'ours-token', 'peer-token', 2),
    ratioTarget('ours-introspect: ≥ 2× the peer', 'ours-introspect', 'peer-introspect', 2),
    ratioTarget('resource-cached: ≥ 0.6× bare Fastify', 'resource-cached', 'bare', 0.6),
    ...latencyTargets
  ]
}

export function machine (): string {
  const cores = cpus()
  return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`
}

export function markdown (rows: Row[], info: RunInfo): string {
  const bare = summarise(rows.find((row) => row.key === 'bare')!)
  const lines = [
    `# Benchmark run of ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- Machine: ${machine()}; Node ${process.version}`,
    `- Servers pinned to core 0, the load generator (autocannon ${info.versions.autocannon}) to core 1; Postgres and Redis unpinned.`,
    `- ${info.rounds} interleaved rounds × ${info.seconds} s per scenario after a ${info.warmup} s warm-up each; ${info.connections} connections.`,
    `- Figures are medians over the rounds; ratios use the bare-Fastify ceiling measured in this run (fastify ${info.versions.fastify}).`,
    `- Peer: oidc-provider ${info.versions['oidc-provider']} with its default in-memory adapter (opaque tokens, no database round trip).`,
    `- Machine load (1-minute average) at start and end: ${info.load.map((l) => l.toFixed(1)).join(' and ')}; on a busy machine, trust the CPU columns over req/s.`,
    '',
    '| group | scenario | req/s | × bare Fastify | p50 ms | p99 ms | ours ÷ peer | CPU µs/req | × bare by CPU | ours ÷ peer by CPU | failed | req/s per round |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|'
  ]
  const byKey = new Map(rows.map((row) => [row.key, summarise(row)]))
  for (const row of rows) {
    const summary = byKey.get(row.key)
    if (!summary || !bare) {
      lines.push(`| ${row.group} | ${row.label} | not measured | | | | | | | | | |`)
      continue
    }
    const peer = PEER_OF[row.key] === undefined ? undefined : byKey.get(PEER_OF[row.key]!)
    lines.push(`| ${row.group} | ${row.label} | ${fixed(summary.requestsPerSecond, 0)} | ${ratio(summary.requestsPerSecond / bare.requestsPerSecond)} | ` +
      `${fixed(summary.p50, 2)} | ${fixed(summary.p99, 2)} | ${peer ? ratio(summary.requestsPerSecond / peer.requestsPerSecond) : ''} | ` +
      `${fixed(summary.cpuPerRequest, 0)} | ${ratio(bare.cpuPerRequest / summary.cpuPerRequest)} | ` +
      `${peer ? ratio(peer.cpuPerRequest / summary.cpuPerRequest) : ''} | ` +
      `${summary.failed} | ${row.rounds.map((m) => fixed(m.requestsPerSecond, 0)).join(' / ')} |`)
  }
  lines.push('', '| target | measured | met | by CPU per request |', '|---|---:|---|---:|')
  for (const target of targets(rows)) {
    lines.push(`| ${target.label} | ${target.measured} | ${target.met === undefined ? 'not measured' : target.met ? 'yes' : 'no'} | ${target.byCpu} |`)
  }
  return lines.join('\n') + '\n'
}
