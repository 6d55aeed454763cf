// Turns a run's measurements into the summary table: medians over rounds, ratios to the ceiling and peer.
import { cpus, totalmem } from 'node:os'
import type { Measurement } from './harness.js'

export interface Row {
  key: string
  group: string
  label: string
  rounds: Measurement[]
  /** Why a row has no figures. */
  missing?: string
}

export interface RunInfo {
  date: Date
  rounds: number
  seconds: number
  warmup: number
  connections: number
  versions: Record<string, string>
}

interface Summary { requestsPerSecond: number, p50: number, p99: number, failed: number, serverCoreBusy: number }

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
    serverCoreBusy: of((m) => m.serverCoreBusy)
  }
}

const fixed = (value: number, digits: number): string => Number.isFinite(value) ? value.toFixed(digits) : '—'
const ratio = (value: number): string => `${fixed(value, 2)}×`

/** Which peer row each of our rows is compared with. */
const PEER_OF: Record<string, string> = { 'ours-token': 'peer-token', 'ours-introspect': 'peer-introspect' }

export interface Target { label: string, met: boolean | undefined, measured: string }

export function targets (rows: Row[]): Target[] {
  const byKey = new Map(rows.map((row) => [row.key, summarise(row)]))
  const bare = byKey.get('bare')
  const rate = (key: string) => byKey.get(key)?.requestsPerSecond
  const vsPeer = (key: string): Target => {
    const ours = rate(key)
    const peer = rate(PEER_OF[key]!)
    const value = ours !== undefined && peer !== undefined ? ours / peer : undefined
    return { label: `${key}: ≥ 2× the peer`, met: value === undefined ? undefined : value >= 2, measured: value === undefined ? 'not measured' : ratio(value) }
  }
  const cached = rate('resource-cached')
  const cachedShare = cached !== undefined && bare ? cached / bare.requestsPerSecond : undefined
  const latencyTargets = ['ours-token', 'ours-introspect', 'resource-cached'].map((key): Target => {
    const p99 = byKey.get(key)?.p99
    return { label: `${key}: p99 < 10 ms at 50 connections`, met: p99 === undefined ? undefined : p99 < 10, measured: p99 === undefined ? 'not measured' : `${fixed(p99, 2)} ms` }
  })
  return [
    vsPeer('ours-token'),
    vsPeer('ours-introspect'),
    {
      label: 'resource-cached: ≥ 0.6× bare Fastify',
      met: cachedShare === undefined ? undefined : cachedShare >= 0.6,
      measured: cachedShare === undefined ? 'not measured' : ratio(cachedShare)
    },
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
    '',
    '| group | scenario | req/s | × bare Fastify | p50 ms | p99 ms | ours ÷ peer | server core busy | failed | req/s per round |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|'
  ]
  const byKey = new Map(rows.map((row) => [row.key, summarise(row)]))
  for (const row of rows) {
    const summary = byKey.get(row.key)
    if (!summary || !bare) {
      lines.push(`| ${row.group} | ${row.label} | ${row.missing ?? 'not measured'} | | | | | | | |`)
      continue
    }
    const peer = PEER_OF[row.key] === undefined ? undefined : byKey.get(PEER_OF[row.key]!)
    lines.push(`| ${row.group} | ${row.label} | ${fixed(summary.requestsPerSecond, 0)} | ${ratio(summary.requestsPerSecond / bare.requestsPerSecond)} | ` +
      `${fixed(summary.p50, 2)} | ${fixed(summary.p99, 2)} | ${peer ? ratio(summary.requestsPerSecond / peer.requestsPerSecond) : ''} | ` +
      `${fixed(summary.serverCoreBusy * 100, 0)} % | ${summary.failed} | ${row.rounds.map((m) => fixed(m.requestsPerSecond, 0)).join(' / ')} |`)
  }
  lines.push('', '| target | measured | met |', '|---|---:|---|')
  for (const target of targets(rows)) {
    lines.push(`| ${target.label} | ${target.measured} | ${target.met === undefined ? 'not measured' : target.met ? 'yes' : 'no'} |`)
  }
  return lines.join('\n') + '\n'
}
